import { z } from 'zod';
import { Uuid } from './common';
import { PlainText } from './plain-text';

/**
 * Sổ điểm điện tử (gradebook): score grid, conduct, term locks, computed results and the family report.
 * Assessment rules live in @smartedu/domain (Circular 22/2021 for THCS/THPT, Circular 27/2020 for TH); the
 * cell checker below takes the domain's parsers as arguments so that server and web validate identically.
 */

export const GradeTermNo = z.coerce.number().int().min(1).max(2);
export type GradeTermNo = 1 | 2;
export const GradeResultPeriod = z.enum(['term1', 'term2', 'year']);
export type GradeResultPeriod = z.infer<typeof GradeResultPeriod>;
export const GradingCircular = z.enum(['TT22', 'TT27']);
export type GradingCircular = z.infer<typeof GradingCircular>;

/**
 * Columns of the grid. TT22: TX1..TX4 (ĐĐGtx), GK (ĐĐGgk), CK (ĐĐGck); TT27: GK / CK are the periodic
 * levels (giữa kì / cuối kì) and KTGK / KTCK the periodic test scores; NX is the teacher's remark.
 */
export const GradeSlotKind = z.enum(['regular', 'midterm', 'endterm', 'test_mid', 'test_end', 'remark']);
export type GradeSlotKind = z.infer<typeof GradeSlotKind>;
export const GradeSlotValueType = z.enum(['score', 'comment_result', 'level', 'test_score', 'text']);
export type GradeSlotValueType = z.infer<typeof GradeSlotValueType>;

export const GradeSlot = z.object({
  code: z.string(),
  kind: GradeSlotKind,
  index: z.number().int(),
  label: z.string(),
  valueType: GradeSlotValueType,
  /** Needed for the term result (a missing required assessment leaves the result incomplete). */
  required: z.boolean(),
});
export type GradeSlot = z.infer<typeof GradeSlot>;

/** A stored cell: a score, 'D' | 'CD', 'HTT' | 'HT' | 'CHT', remark text, or null (empty). */
export const GradeCellValue = z.union([z.number(), z.string(), z.null()]);
export type GradeCellValue = z.infer<typeof GradeCellValue>;

export const GradeLockStatus = z.enum(['open', 'approved', 'locked']);
export type GradeLockStatus = z.infer<typeof GradeLockStatus>;
export const TermLockState = z.object({
  termNo: z.number().int(),
  status: GradeLockStatus,
  lockedAt: z.string().nullable(),
  lockedByName: z.string().nullable(),
});
export type TermLockState = z.infer<typeof TermLockState>;

export const GradeResultStatus = z.enum(['complete', 'incomplete', 'none']);
export const GradeGridRow = z.object({
  studentId: Uuid,
  fullName: z.string(),
  sectorId: z.string(),
  values: z.record(z.string(), GradeCellValue),
  /** ĐTBmhk of a scored subject. */
  average: z.number().nullable(),
  /** Term result of a comment-only subject (D | CD) or the primary level at the end of the term. */
  result: z.string().nullable(),
  testScore: z.number().nullable(),
  status: GradeResultStatus,
});
export type GradeGridRow = z.infer<typeof GradeGridRow>;

export const GradebookSubject = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  /** scored | comment (TT22); level | level_test (TT27). */
  assessment: z.string(),
});
export type GradebookSubject = z.infer<typeof GradebookSubject>;

export const GradeGridQuery = z.object({ classId: Uuid, subjectId: Uuid, termNo: GradeTermNo });
export const GradeGrid = z.object({
  schoolId: Uuid,
  classId: Uuid,
  className: z.string(),
  grade: z.number().int(),
  schoolYearId: Uuid,
  termNo: z.number().int(),
  circular: GradingCircular,
  subject: GradebookSubject,
  slots: z.array(GradeSlot),
  rows: z.array(GradeGridRow),
  lock: TermLockState,
  published: z.boolean(),
  /** The actor may write this class-subject and the term is not locked. */
  canEdit: z.boolean(),
});
export type GradeGrid = z.infer<typeof GradeGrid>;

export const GradeCellChange = z.object({
  studentId: Uuid,
  slot: z.string().max(8),
  /** As typed: '8,5', 8.5, 'Đ', 'T', remark text; null or '' clears the cell. */
  value: z.union([z.number(), z.string().max(2000), z.null()]),
  /** The value the client last saw (optimistic concurrency); omitted = overwrite. */
  expected: GradeCellValue.optional(),
});
export type GradeCellChange = z.infer<typeof GradeCellChange>;
export const GradeGridSaveBody = z.object({
  classId: Uuid,
  subjectId: Uuid,
  termNo: GradeTermNo,
  changes: z.array(GradeCellChange).min(1).max(5000),
});
export type GradeGridSaveBody = z.infer<typeof GradeGridSaveBody>;
export const GradeGridSaveResult = z.object({
  saved: z.number().int(),
  rows: z.array(GradeGridRow),
});
export type GradeGridSaveResult = z.infer<typeof GradeGridSaveResult>;

/** One refused cell: `row` is the student id. Returned in `details.errors` of a VALIDATION_FAILED error. */
export const GradeCellError = z.object({
  row: z.string(),
  slot: z.string(),
  code: z.string(),
  message: z.string(),
});
export type GradeCellError = z.infer<typeof GradeCellError>;

export const GradePublishBody = z.object({
  classId: Uuid,
  subjectId: Uuid,
  termNo: GradeTermNo,
  published: z.boolean(),
});
export const GradePublishResult = z.object({ published: z.boolean(), publishedAt: z.string().nullable() });

/** Excel import of one class-subject-term: the validation report; nothing is written while it has errors. */
export const GradeImportQuery = GradeGridQuery.extend({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export const GradeImportError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export const GradeImportReport = z.object({
  totalRows: z.number().int(),
  validRows: z.number().int(),
  changedCells: z.number().int(),
  errors: z.array(GradeImportError),
  committed: z.boolean(),
});
export type GradeImportReport = z.infer<typeof GradeImportReport>;

// ---- Class overview, summary, conduct

export const GradeUnlockRecord = z.object({
  id: Uuid,
  termNo: z.number().int(),
  reason: z.string(),
  unlockedByName: z.string().nullable(),
  unlockedAt: z.string(),
});
export const GradebookClass = z.object({
  schoolId: Uuid,
  classId: Uuid,
  className: z.string(),
  grade: z.number().int(),
  schoolYearId: Uuid,
  circular: GradingCircular,
  isHomeroom: z.boolean(),
  canLock: z.boolean(),
  canEditConduct: z.boolean(),
  subjects: z.array(
    GradebookSubject.extend({ canEdit: z.boolean(), publishedTerms: z.array(z.number().int()) }),
  ),
  locks: z.array(TermLockState),
  unlocks: z.array(GradeUnlockRecord),
});
export type GradebookClass = z.infer<typeof GradebookClass>;

export const SubjectPeriodResult = z.object({
  average: z.number().nullable(),
  result: z.string().nullable(),
  testScore: z.number().nullable(),
  status: GradeResultStatus,
});
export type SubjectPeriodResult = z.infer<typeof SubjectPeriodResult>;
export const StudentPeriodResult = z.object({
  learning: z.string().nullable(),
  conduct: z.string().nullable(),
  promotion: z.string().nullable(),
  award: z.string().nullable(),
  primaryResult: z.string().nullable(),
  status: GradeResultStatus,
  missing: z.array(z.string()),
  /**
   * Year only: buổi nghỉ học in the school year (excused + unexcused; Circular 22: more than 45 → not
   * promoted), and the two parts. Null for the terms and before the year was computed.
   */
  absentSessions: z.number().int().nullable(),
  absentExcused: z.number().int().nullable(),
  absentUnexcused: z.number().int().nullable(),
});
export type StudentPeriodResult = z.infer<typeof StudentPeriodResult>;

export const ClassSummaryQuery = z.object({ period: GradeResultPeriod.default('year') });
export const ClassSummary = z.object({
  classId: Uuid,
  className: z.string(),
  circular: GradingCircular,
  period: GradeResultPeriod,
  subjects: z.array(GradebookSubject),
  rows: z.array(
    z.object({
      studentId: Uuid,
      fullName: z.string(),
      subjects: z.record(z.string(), SubjectPeriodResult),
      result: StudentPeriodResult,
    }),
  ),
});
export type ClassSummary = z.infer<typeof ClassSummary>;

export const ConductAspect = z.object({
  code: z.string(),
  name: z.string(),
  /** conduct: T | K | D | CD (TT22 rèn luyện); quality: T | D | CCG (TT27 phẩm chất, năng lực). */
  scale: z.enum(['conduct', 'quality']),
});
export const ConductQuery = z.object({ termNo: GradeTermNo });
export const ConductSheet = z.object({
  classId: Uuid,
  termNo: z.number().int(),
  circular: GradingCircular,
  aspects: z.array(ConductAspect),
  rows: z.array(
    z.object({
      studentId: Uuid,
      fullName: z.string(),
      values: z.record(z.string(), z.string().nullable()),
    }),
  ),
  lock: TermLockState,
  canEdit: z.boolean(),
});
export type ConductSheet = z.infer<typeof ConductSheet>;
export const ConductSaveBody = z.object({
  termNo: GradeTermNo,
  changes: z
    .array(
      z.object({
        studentId: Uuid,
        aspect: z.string().max(40),
        value: z.string().max(40).nullable(),
        expected: z.string().nullable().optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export type ConductSaveBody = z.infer<typeof ConductSaveBody>;

export const TermLockBody = z.object({ termNo: GradeTermNo });
export const TermUnlockBody = z.object({
  termNo: GradeTermNo,
  reason: PlainText(1000).pipe(z.string().min(10, 'Lý do mở khoá cần ít nhất 10 kí tự')),
});

export const GradeComputeBody = z.object({ schoolYearId: Uuid, classId: Uuid.optional() });
export const GradeComputeResult = z.object({
  students: z.number().int(),
  subjectResults: z.number().int(),
  studentResults: z.number().int(),
  durationMs: z.number(),
});

// ---- Family report (phụ huynh, học sinh): published data only

export const StudentReportQuery = z.object({ schoolYearId: Uuid.optional() });
export const StudentReport = z.object({
  student: z.object({
    id: Uuid,
    fullName: z.string(),
    className: z.string().nullable(),
    grade: z.number().int().nullable(),
    schoolName: z.string(),
  }),
  schoolYearId: Uuid,
  schoolYearName: z.string(),
  circular: GradingCircular,
  subjects: z.array(
    GradebookSubject.extend({
      term1: SubjectPeriodResult.nullable(),
      term2: SubjectPeriodResult.nullable(),
      year: SubjectPeriodResult.nullable(),
    }),
  ),
  term1: StudentPeriodResult.nullable(),
  term2: StudentPeriodResult.nullable(),
  year: StudentPeriodResult.nullable(),
});
export type StudentReport = z.infer<typeof StudentReport>;

// ---------------------------------------------------------------------------------------------------------
// Cell input: one checker for the grid, the import and the server.

export const GRADE_CELL_MESSAGES: Readonly<Record<string, string>> = {
  SCORE_NOT_NUMBER: 'Điểm phải là số từ 0 đến 10, ví dụ 7 hoặc 8,5',
  SCORE_OUT_OF_RANGE: 'Điểm phải nằm trong khoảng từ 0 đến 10',
  SCORE_TOO_MANY_DECIMALS: 'Điểm chỉ lấy đến một chữ số thập phân, ví dụ 8,5',
  COMMENT_IN_SCORED_SUBJECT:
    'Môn này đánh giá bằng điểm số: hãy nhập điểm từ 0 đến 10, không nhập nhận xét Đ/CĐ',
  SCORE_IN_COMMENT_SUBJECT:
    'Môn này đánh giá bằng nhận xét: hãy nhập Đ (Đạt) hoặc CĐ (Chưa đạt), không nhập điểm',
  COMMENT_RESULT_INVALID: 'Chỉ nhập Đ (Đạt) hoặc CĐ (Chưa đạt)',
  LEVEL_INVALID: 'Chỉ nhập T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành)',
  TEST_SCORE_NOT_NUMBER: 'Điểm kiểm tra định kì phải là số nguyên từ 1 đến 10',
  TEST_SCORE_OUT_OF_RANGE: 'Điểm kiểm tra định kì phải từ 1 đến 10',
  TEST_SCORE_NOT_WHOLE: 'Điểm kiểm tra định kì là số nguyên, không có phần thập phân',
  TEST_SCORE_ZERO: 'Điểm kiểm tra định kì không có điểm 0 (từ 1 đến 10)',
  TEXT_TOO_LONG: 'Nhận xét dài tối đa 500 kí tự',
  CONDUCT_INVALID: 'Chỉ nhập T (Tốt), K (Khá), Đ (Đạt) hoặc CĐ (Chưa đạt)',
  QUALITY_INVALID: 'Chỉ nhập T (Tốt), Đ (Đạt) hoặc CCG (Cần cố gắng)',
};

export const GRADE_REMARK_MAX_LENGTH = 500;

type Parsed = { ok: true; value: number } | { ok: false; error: string };
/** The domain's parsers (`parseScore`, `parsePeriodicTestScore` from @smartedu/domain). */
export type GradeCellParsers = {
  parseScore: (input: string | number) => Parsed;
  parsePeriodicTestScore: (input: string | number) => Parsed;
};
export type GradeCellCheck =
  | { ok: true; value: number | string | null }
  | { ok: false; code: string; message: string };

/** Lower case, no diacritics (đ → d), no spaces or dots: 'Chưa đạt' → 'chuadat', 'CĐ' → 'cd'. */
export function foldGradeToken(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s.]/g, '');
}

const COMMENT_TOKENS: Readonly<Record<string, 'D' | 'CD'>> = { d: 'D', dat: 'D', cd: 'CD', chuadat: 'CD' };
const LEVEL_TOKENS: Readonly<Record<string, 'HTT' | 'HT' | 'CHT'>> = {
  t: 'HTT',
  htt: 'HTT',
  hoanthanhtot: 'HTT',
  h: 'HT',
  ht: 'HT',
  hoanthanh: 'HT',
  c: 'CHT',
  cht: 'CHT',
  chuahoanthanh: 'CHT',
};
const CONDUCT_TOKENS: Readonly<Record<string, 'T' | 'K' | 'D' | 'CD'>> = {
  t: 'T',
  tot: 'T',
  k: 'K',
  kha: 'K',
  d: 'D',
  dat: 'D',
  cd: 'CD',
  chuadat: 'CD',
};
const QUALITY_TOKENS: Readonly<Record<string, 'T' | 'D' | 'CCG'>> = {
  t: 'T',
  tot: 'T',
  d: 'D',
  dat: 'D',
  ccg: 'CCG',
  cancogang: 'CCG',
};
const looksNumeric = (text: string) => /^[+-]?\d+(?:[.,]\d*)?$/.test(text.trim());

const fail = (code: string): GradeCellCheck => ({
  ok: false,
  code,
  message: GRADE_CELL_MESSAGES[code] ?? code,
});

/**
 * Checks and normalises one typed or pasted cell: blank clears the cell (a missing score, never 0); a score
 * goes through the domain's `parseScore` ('8,5' → 8.5; 11, 'abc', 8.55 refused); Đ/CĐ, T/H/C are mapped to
 * their codes; an Đ/CĐ typed in a scored subject gets its own message.
 */
export function checkGradeCell(
  valueType: GradeSlotValueType,
  raw: string | number | null | undefined,
  parsers: GradeCellParsers,
): GradeCellCheck {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (text === '') return { ok: true, value: null };
  switch (valueType) {
    case 'text':
      return text.length > GRADE_REMARK_MAX_LENGTH ? fail('TEXT_TOO_LONG') : { ok: true, value: text };
    case 'score': {
      if (typeof raw === 'string' && COMMENT_TOKENS[foldGradeToken(raw)])
        return fail('COMMENT_IN_SCORED_SUBJECT');
      const parsed = parsers.parseScore(typeof raw === 'number' ? raw : text);
      return parsed.ok ? { ok: true, value: parsed.value } : fail(parsed.error);
    }
    case 'test_score': {
      const parsed = parsers.parsePeriodicTestScore(typeof raw === 'number' ? raw : text);
      return parsed.ok ? { ok: true, value: parsed.value } : fail(parsed.error);
    }
    case 'comment_result': {
      const code = COMMENT_TOKENS[foldGradeToken(text)];
      if (code) return { ok: true, value: code };
      return fail(
        typeof raw === 'number' || looksNumeric(text) ? 'SCORE_IN_COMMENT_SUBJECT' : 'COMMENT_RESULT_INVALID',
      );
    }
    case 'level': {
      const code = LEVEL_TOKENS[foldGradeToken(text)];
      return code ? { ok: true, value: code } : fail('LEVEL_INVALID');
    }
  }
}

/** Checks a conduct (T/K/Đ/CĐ) or quality/competency (T/Đ/CCG) rating; blank clears it. */
export function checkConductCell(
  scale: 'conduct' | 'quality',
  raw: string | null | undefined,
): { ok: true; value: string | null } | { ok: false; code: string; message: string } {
  if (raw === null || raw === undefined || raw.trim() === '') return { ok: true, value: null };
  const token = foldGradeToken(raw);
  const code = scale === 'conduct' ? CONDUCT_TOKENS[token] : QUALITY_TOKENS[token];
  if (code) return { ok: true, value: code };
  const error = scale === 'conduct' ? 'CONDUCT_INVALID' : 'QUALITY_INVALID';
  return { ok: false, code: error, message: GRADE_CELL_MESSAGES[error] };
}

/** How a stored value is shown in a cell: 8.5 → '8,5', 'D' → 'Đ', 'CD' → 'CĐ', 'HTT' → 'T'. */
export function formatGradeCell(valueType: GradeSlotValueType, value: GradeCellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (valueType === 'comment_result') return value === 'D' ? 'Đ' : value === 'CD' ? 'CĐ' : value;
  if (valueType === 'level')
    return value === 'HTT' ? 'T' : value === 'HT' ? 'H' : value === 'CHT' ? 'C' : value;
  return value;
}

/** An average (ĐTBmhk, ĐTBmcn) always with its one decimal: 7 → '7,0', 8.25 is never stored. */
export function formatGradeAverage(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : value.toFixed(1).replace('.', ',');
}

/** Conduct and quality codes as shown: 'D' → 'Đ', 'CD' → 'CĐ'. */
export function formatConductCell(value: string | null | undefined): string {
  if (!value) return '';
  return value === 'D' ? 'Đ' : value === 'CD' ? 'CĐ' : value;
}

// ---- đề nghị mở khoá sổ điểm (unlock requests)

export const UnlockRequestStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export type UnlockRequestStatus = z.infer<typeof UnlockRequestStatus>;
export const UnlockRequest = z.object({
  id: Uuid,
  schoolId: Uuid,
  classId: Uuid,
  className: z.string(),
  subjectId: Uuid,
  subjectName: z.string(),
  termNo: z.number().int(),
  reason: z.string(),
  status: UnlockRequestStatus,
  requestedByName: z.string(),
  requestedAt: z.string(),
  /** Filed by the signed-in user. */
  mine: z.boolean(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The principal's reason for a rejection, or note on an approval. */
  decisionReason: z.string().nullable(),
  /** The class-term's lock status now. */
  termStatus: GradeLockStatus,
});
export type UnlockRequest = z.infer<typeof UnlockRequest>;
export const UnlockRequestCreateBody = z.object({
  classId: Uuid,
  subjectId: Uuid,
  termNo: GradeTermNo,
  reason: z.string().trim().min(10, 'Lý do đề nghị mở khoá cần ít nhất 10 kí tự').max(1000),
});
export const UnlockRequestListQuery = z.object({
  status: UnlockRequestStatus.optional(),
  classId: Uuid.optional(),
});
export const UnlockRequestList = z.object({
  items: z.array(UnlockRequest),
  /** The signed-in user may approve or reject (the principal). */
  canDecide: z.boolean(),
});
export type UnlockRequestList = z.infer<typeof UnlockRequestList>;
export const UnlockRequestApproveBody = z.object({ note: z.string().trim().max(1000).optional() });
export const UnlockRequestRejectBody = z.object({
  reason: z.string().trim().min(5, 'Lý do từ chối cần ít nhất 5 kí tự').max(1000),
});
