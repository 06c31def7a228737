import type {
  ConductLevel,
  LearningLevel,
  PrimaryYearResult,
  PromotionOutcome,
  QualityLevel,
  StudentAward,
  SubjectLevel,
} from '@smartedu/domain';

/**
 * What one transcript (học bạ) of one student for one school year holds: the data the PDF is rendered from and
 * the structured export is mapped from. Built by the repository from the registry and the gradebook's rollups;
 * stored as a snapshot with the transcript so that a signed PDF can always be traced back to its data.
 * Values are codes (the domain package's), never display labels; the PDF turns them into labels.
 */

/** A scored subject's average (0-10, one decimal) or a comment-only subject's Đạt / Chưa đạt. */
export type SubjectMark = number | 'D' | 'CD';

/** Circular 22 (THCS, THPT): one row of the table "Môn học / Hoạt động giáo dục". */
export type SecondarySubjectRow = {
  subjectId: string;
  code: string;
  name: string;
  assessment: 'scored' | 'comment';
  term1: SubjectMark | null;
  term2: SubjectMark | null;
  year: SubjectMark | null;
  /** Điểm hoặc mức đánh giá lại (summer re-assessment), when there was one. */
  reassessment: SubjectMark | null;
  comment: string | null; // nhận xét của giáo viên môn học
  teacherName: string | null;
};

/** Circular 27 (TH): the year-end level and, where required, the periodic test score (điểm KTĐK). */
export type PrimarySubjectRow = {
  subjectId: string;
  code: string;
  name: string;
  assessment: 'level' | 'level_test';
  level: SubjectLevel | null;
  testScore: number | null;
  comment: string | null;
  teacherName: string | null;
};

/** A quality (phẩm chất) or competency (năng lực) of Circular 27. */
export type RatedAspect = {
  code: string;
  name: string;
  group?: 'general' | 'specific';
  level: QualityLevel | null;
  comment: string | null;
};

export type TranscriptStudent = {
  fullName: string;
  sectorId: string; // mã định danh ngành
  citizenId: string | null;
  birthDate: string; // YYYY-MM-DD
  gender: 'M' | 'F';
  ethnicity: string;
  address: string | null;
};

export type TranscriptCommon = {
  transcriptId: string;
  student: TranscriptStudent;
  className: string;
  grade: number;
  schoolName: string;
  schoolCode: string;
  schoolYear: string; // '2024-2025'
  homeroomTeacher: string | null;
  principal: string | null;
  /** Nhận xét của giáo viên chủ nhiệm. */
  homeroomComment: string | null;
  /** The locality written before the date above the signatures ("Lai Châu, ngày …"). */
  place: string | null;
};

export type TermTriple<T> = { term1: T | null; term2: T | null; year: T | null };

export type SecondaryTranscriptData = TranscriptCommon & {
  level: 'THCS' | 'THPT';
  subjects: SecondarySubjectRow[];
  conduct: TermTriple<ConductLevel>; // kết quả rèn luyện
  learning: TermTriple<LearningLevel>; // kết quả học tập
  absentSessions: number | null;
  promotion: PromotionOutcome | null;
  award: StudentAward | null;
};

export type PrimaryTranscriptData = TranscriptCommon & {
  level: 'TH';
  subjects: PrimarySubjectRow[];
  qualities: RatedAspect[]; // phẩm chất chủ yếu
  competencies: RatedAspect[]; // năng lực cốt lõi (chung, đặc thù)
  yearResult: PrimaryYearResult | null;
  award: string | null;
};

export type TranscriptData = SecondaryTranscriptData | PrimaryTranscriptData;
export type TranscriptSubjectRow = SecondarySubjectRow | PrimarySubjectRow;

/** Who confirmed a subject row (GVBM xác nhận), printed in the row's comment cell. */
export type SubjectConfirmationMark = { subjectId: string; staffName: string; confirmedAt: string };
