import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  DisclosureDocument,
  DisclosurePage,
  DisclosureSection,
  DisclosureSectionBlock,
  Feedback,
  FeedbackCreateBody,
  FeedbackPublicStatus,
  FeedbackStatus,
  FeedbackUpdateBody,
  Figure,
} from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import { AppError } from '../../errors';
import type { AccessService, Actor } from '../access';
import type { AuditRepository } from '../audit';
import { createDisclosureRepository, type DisclosureUnit } from './disclosure.repository';

export type DisclosureDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  dataDir: string;
};

/** Largest PDF accepted for a disclosure document. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const SECTIONS: DisclosureSection[] = [
  'general',
  'organisation',
  'commitments',
  'staff',
  'facilities',
  'finance',
  'admission',
  'results',
  'accreditation',
  'annual_report',
];
const QUALIFICATIONS = ['doctor', 'master', 'bachelor', 'college', 'intermediate', 'other'];
const CATEGORIES = ['manager', 'teacher', 'employee'];
const STAT_METRICS = [
  'students.studying',
  'classes.total',
  'classes.smart',
  'rooms.total',
  'equipment.computers',
  'tt22.learning_assessed',
  'tt22.learning_pass',
  'tt22.learning_good',
  'tt22.conduct_assessed',
  'tt22.conduct_good',
  'tt27.q_assessed',
  'tt27.q_good',
  'tt27.c_assessed',
  'tt27.c_good',
];
/** Tracking codes: no 0/O, 1/I/L, so that a code read over the phone is not mistaken. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newTrackingCode(): string {
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `GY-${s}`;
}
const pct = (num: number | undefined, den: number | undefined) =>
  num !== undefined && den ? Math.round((1000 * num) / den) / 10 : null;

const TRANSITIONS: Record<FeedbackStatus, FeedbackStatus[]> = {
  new: ['in_progress', 'answered'],
  in_progress: ['answered', 'new'],
  answered: ['in_progress'],
};

function toFeedback(row: {
  f: typeof import('@smartedu/db').publicFeedback.$inferSelect;
  unitName: string;
}): Feedback {
  const f = row.f;
  return {
    id: f.id,
    schoolId: f.schoolId,
    unitName: row.unitName,
    trackingCode: f.trackingCode,
    name: f.name,
    contact: f.contact,
    subject: f.subject,
    message: f.message,
    status: f.status,
    assigneeUserId: f.assigneeUserId,
    assigneeName: f.assigneeName,
    answer: f.answer,
    answeredAt: f.answeredAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  };
}

export function createDisclosureService({ database, access, audit, dataDir }: DisclosureDeps) {
  const repo = createDisclosureRepository(database.db);
  const dirOf = (schoolId: string) => path.join(dataDir, 'uploads', 'disclosure', schoolId);

  const docOut = (d: Awaited<ReturnType<typeof repo.documents>>[number]): DisclosureDocument => ({
    id: d.id,
    section: d.section as DisclosureSection,
    title: d.title,
    fileName: d.fileName,
    sizeBytes: d.sizeBytes,
    uploadedAt: d.uploadedAt.toISOString(),
    url: `/api/public/disclosure/documents/${d.schoolId}/${d.id}`,
  });

  async function publicUnit(code: string, kinds: string[]): Promise<DisclosureUnit> {
    const unit = await repo.unitByCode(code);
    if (!unit || !kinds.includes(unit.kind)) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị');
    return unit;
  }

  /** The figures every page shows, for one school or the schools of a department. */
  async function build(unit: DisclosureUnit, schoolIds: string[]): Promise<DisclosurePage> {
    const [year, parent] = await Promise.all([
      repo.currentYear(),
      unit.parentId ? repo.unitById(unit.parentId) : Promise.resolve(null),
    ]);
    const startYear = year ? Number(year.startDate.slice(0, 4)) : null;
    const [stats, staffRows, classRows, studentRows, equipment, rooms, docs, managers, exams] =
      await Promise.all([
        year ? repo.stats(schoolIds, year.id, STAT_METRICS) : Promise.resolve([]),
        repo.staffByQualification(schoolIds),
        year ? repo.classesByGrade(schoolIds, year.id) : Promise.resolve([]),
        startYear !== null ? repo.studentsByGrade(schoolIds, startYear) : Promise.resolve([]),
        repo.equipment(schoolIds),
        repo.smartRooms(schoolIds),
        repo.documents(unit.id, { publishedOnly: true }),
        repo.managers(unit.id),
        repo.releasedExamResults(unit.id),
      ]);
    const sum = (metric: string, schoolId?: string) => {
      const rows = stats.filter(
        (s) => s.metric === metric && s.dim === '' && (!schoolId || s.schoolId === schoolId),
      );
      return rows.length ? rows.reduce((a, r) => a + r.value, 0) : undefined;
    };
    const fig = (key: string, label: string, value: number | null | undefined): Figure => ({
      key,
      label,
      value: value ?? null,
    });
    const docsOf = (section: DisclosureSection) => docs.filter((d) => d.section === section).map(docOut);
    const staffCount = (category: string, q?: string) =>
      staffRows
        .filter((r) => r.category === category && (q === undefined || (r.qualification ?? 'other') === q))
        .reduce((a, r) => a + r.n, 0);
    const teacherTotal = staffCount('teacher');
    const students = sum('students.studying');
    const classTotal = sum('classes.total');
    const grades = [...new Set([...classRows.map((c) => c.grade), ...studentRows.map((s) => s.grade)])].sort(
      (a, b) => a - b,
    );

    const blocks: Record<DisclosureSection, Omit<DisclosureSectionBlock, 'section' | 'documents'>> = {
      general: {
        figures: [
          fig('schools', 'Số trường', unit.kind === 'school' ? null : schoolIds.length),
          fig('students', 'Số học sinh', students),
          fig('classes', 'Số lớp', classTotal),
        ].filter((f) => f.value !== null),
        columns: [],
        rows: [],
      },
      organisation: {
        figures: [],
        columns: ['fullName'],
        rows: managers.map((m) => ({ label: m.position, values: [m.fullName] })),
      },
      commitments: { figures: [], columns: [], rows: [] },
      staff: {
        figures: [
          fig(
            'staff_total',
            'Tổng số cán bộ, giáo viên, nhân viên',
            staffRows.reduce((a, r) => a + r.n, 0),
          ),
          fig('teachers', 'Số giáo viên', teacherTotal),
          fig(
            'teachers_per_class',
            'Tỉ lệ giáo viên/lớp',
            classTotal ? Math.round((100 * teacherTotal) / classTotal) / 100 : null,
          ),
        ],
        columns: ['total', ...QUALIFICATIONS],
        rows: CATEGORIES.map((c) => ({
          label: c,
          values: [staffCount(c), ...QUALIFICATIONS.map((q) => staffCount(c, q))],
        })),
      },
      facilities: {
        figures: [
          fig('smart_rooms', 'Số phòng học thông minh', rooms),
          fig('computers', 'Số máy tính, máy tính bảng đang dùng được', sum('equipment.computers') ?? 0),
          fig(
            'students_per_computer',
            'Số học sinh/máy tính',
            students && sum('equipment.computers')
              ? Math.round((10 * students) / (sum('equipment.computers') ?? 1)) / 10
              : null,
          ),
        ],
        columns: ['total', 'working'],
        rows: equipment.map((e) => ({
          label: `equipment:${e.kind}`,
          values: [e.total ?? 0, e.working ?? 0],
        })),
      },
      finance: { figures: [], columns: [], rows: [] },
      admission: {
        figures: [fig('students', 'Số học sinh', students), fig('classes', 'Số lớp', classTotal)],
        columns: ['classes', 'students'],
        rows: grades.map((g) => ({
          label: `grade:${g}`,
          values: [
            classRows.find((c) => c.grade === g)?.n ?? 0,
            studentRows.find((s) => s.grade === g)?.n ?? null,
          ],
        })),
      },
      results: {
        figures: [
          fig(
            'tt22_learning_good_pct',
            'THCS: tỉ lệ học sinh có kết quả học tập Tốt, Khá (%)',
            pct(sum('tt22.learning_good'), sum('tt22.learning_assessed')),
          ),
          fig(
            'tt22_learning_pass_pct',
            'THCS: tỉ lệ học sinh có kết quả học tập từ Đạt trở lên (%)',
            pct(sum('tt22.learning_pass'), sum('tt22.learning_assessed')),
          ),
          fig(
            'tt22_conduct_good_pct',
            'THCS: tỉ lệ học sinh rèn luyện Tốt (%)',
            pct(sum('tt22.conduct_good'), sum('tt22.conduct_assessed')),
          ),
          fig(
            'tt27_qualities_good_pct',
            'Tiểu học: tỉ lệ học sinh có phẩm chất Tốt (%)',
            pct(sum('tt27.q_good'), sum('tt27.q_assessed')),
          ),
          fig(
            'tt27_competencies_good_pct',
            'Tiểu học: tỉ lệ học sinh có năng lực Tốt (%)',
            pct(sum('tt27.c_good'), sum('tt27.c_assessed')),
          ),
        ].filter((f) => f.value !== null),
        // City-wide exams whose results were released: participants, mean score, share scoring 5 or more (%).
        columns: exams.length ? ['participants', 'mean', 'atLeast5Pct'] : [],
        rows: exams.map((e) => ({
          label: `exam:${e.title}`,
          values: [
            e.summary.count,
            e.summary.mean === null ? null : Math.round(e.summary.mean * 100) / 100,
            e.summary.atLeast5 === null ? null : Math.round(e.summary.atLeast5 * 1000) / 10,
          ],
        })),
      },
      accreditation: { figures: [], columns: [], rows: [] },
      annual_report: { figures: [], columns: [], rows: [] },
    };

    return {
      unit: {
        id: unit.id,
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        schoolLevel: unit.schoolLevel,
        address: unit.address,
        phone: unit.phone,
        email: unit.email,
        website: unit.website,
        parentName: parent?.name ?? null,
      },
      schoolYear: year?.name ?? null,
      generatedAt: new Date().toISOString(),
      sections: SECTIONS.map((section) => ({ section, ...blocks[section], documents: docsOf(section) })),
      schools: [],
    };
  }

  return {
    // ---- public pages
    async schoolPage(code: string): Promise<DisclosurePage> {
      const unit = await publicUnit(code, ['school']);
      return build(unit, [unit.id]);
    },

    async departmentPage(code: string): Promise<DisclosurePage> {
      const unit = await publicUnit(code, ['province_department', 'district_department']);
      const schools = await repo.schoolsUnder(unit.path);
      const page = await build(
        unit,
        schools.map((s) => s.id),
      );
      const year = await repo.currentYear();
      const stats = year
        ? await repo.stats(
            schools.map((s) => s.id),
            year.id,
            ['students.studying', 'classes.total'],
          )
        : [];
      const of = (id: string, metric: string) =>
        stats.find((s) => s.schoolId === id && s.metric === metric && s.dim === '')?.value ?? null;
      page.schools = schools.map((s) => ({
        code: s.code,
        name: s.name,
        schoolLevel: s.schoolLevel,
        students: of(s.id, 'students.studying'),
        classes: of(s.id, 'classes.total'),
      }));
      // Managers of a department are listed on its own page only (schools list theirs on theirs).
      return page;
    },

    /** A published document, for anyone. */
    async documentFile(schoolId: string, id: string) {
      const doc = await repo.document(schoolId, id);
      if (!doc?.published) throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu');
      const bytes = await readFile(path.join(dirOf(doc.schoolId), doc.storedName)).catch(() => null);
      if (!bytes) throw new AppError('NOT_FOUND', 'Không tìm thấy tệp tài liệu');
      return { fileName: doc.fileName, bytes };
    },

    // ---- documents (school or department administrators)
    async listDocuments(actor: Actor, unitId: string, section?: DisclosureSection) {
      await access.require(actor, 'operations.read', { schoolId: unitId });
      return (await repo.documents(unitId, { publishedOnly: false, section })).map(docOut);
    },

    async uploadDocument(
      actor: Actor,
      unitId: string,
      input: {
        section: DisclosureSection;
        title: string;
        fileName: string;
        bytes: Uint8Array;
        truncated: boolean;
      },
    ): Promise<DisclosureDocument> {
      await access.require(actor, 'operations.manage', { schoolId: unitId });
      if (input.truncated || input.bytes.length > MAX_DOCUMENT_BYTES)
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `Tệp quá lớn: tối đa ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
          {
            field: 'file',
          },
        );
      if (input.bytes.length < 5 || Buffer.from(input.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-')
        throw new AppError('UNSUPPORTED_FILE', 'Tệp không phải PDF: chỉ nhận tài liệu PDF', {
          field: 'file',
        });
      const fileName =
        path
          .basename(input.fileName || 'tai-lieu.pdf')
          .normalize('NFC')
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are stripped from names
          .replace(/[\u0000-\u001f\u007f/\\]/g, '_')
          .slice(0, 200) || 'tai-lieu.pdf';
      const storedName = `${randomUUID()}.pdf`;
      const dir = dirOf(unitId);
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, storedName);
      await writeFile(target, input.bytes);
      try {
        const row = await database.transaction(async (tx) => {
          const created = await createDisclosureRepository(tx).insertDocument({
            schoolId: unitId,
            section: input.section,
            title: input.title,
            fileName: fileName.toLowerCase().endsWith('.pdf') ? fileName : `${fileName}.pdf`,
            storedName,
            sizeBytes: input.bytes.length,
            sha256: createHash('sha256').update(input.bytes).digest('hex'),
            uploadedBy: actor.userId,
            uploadedByName: actor.fullName,
          });
          await audit.record(tx, actor, {
            schoolId: unitId,
            action: 'create',
            entity: 'disclosure_document',
            entityId: created.id,
            after: created,
          });
          return created;
        });
        return docOut(row);
      } catch (err) {
        await rm(target, { force: true });
        throw err;
      }
    },

    async deleteDocument(actor: Actor, unitId: string, id: string) {
      await access.require(actor, 'operations.manage', { schoolId: unitId });
      const doc = await repo.document(unitId, id);
      if (!doc) throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu');
      await database.transaction(async (tx) => {
        await createDisclosureRepository(tx).deleteDocument(unitId, id);
        await audit.record(tx, actor, {
          schoolId: unitId,
          action: 'delete',
          entity: 'disclosure_document',
          entityId: id,
          before: doc,
        });
      });
      await rm(path.join(dirOf(unitId), doc.storedName), { force: true });
      return { ok: true as const };
    },

    // ---- feedback (public side)
    async submitFeedback(body: FeedbackCreateBody, ip: string) {
      if (body.website) throw new AppError('VALIDATION_FAILED', 'Không gửi được góp ý', { field: 'website' });
      const unit = await repo.unitByCode(body.unitCode);
      if (!unit || unit.kind === 'school_site')
        throw new AppError('VALIDATION_FAILED', 'Không tìm thấy trường/đơn vị nhận góp ý', {
          field: 'unitCode',
        });
      const clean = (s: string) => s.normalize('NFC').replace(/\r\n?/g, '\n');
      const row = await database.transaction(async (tx) => {
        const created = await createDisclosureRepository(tx).insertFeedback({
          schoolId: unit.id,
          trackingCode: newTrackingCode(),
          name: body.name ? clean(body.name) : null,
          contact: clean(body.contact),
          subject: clean(body.subject),
          message: clean(body.message),
        });
        await audit.record(tx, null, {
          schoolId: unit.id,
          action: 'create',
          entity: 'public_feedback',
          entityId: created.id,
          after: { trackingCode: created.trackingCode, subject: created.subject, ip },
        });
        return created;
      });
      return { trackingCode: row.trackingCode, status: row.status };
    },

    async lookupFeedback(trackingCode: string): Promise<FeedbackPublicStatus> {
      const row = await repo.feedbackByCode(trackingCode.trim().toUpperCase());
      if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy góp ý với mã tra cứu này');
      return {
        trackingCode: row.f.trackingCode,
        unitName: row.unitName,
        subject: row.f.subject,
        status: row.f.status,
        createdAt: row.f.createdAt.toISOString(),
        answer: row.f.status === 'answered' ? row.f.answer : null,
        answeredAt: row.f.status === 'answered' ? (row.f.answeredAt?.toISOString() ?? null) : null,
      };
    },

    // ---- feedback (department and school side)
    async listFeedback(
      actor: Actor,
      q: { unitId?: string; status?: FeedbackStatus; q?: string; page: number; pageSize: number },
    ) {
      const scope = await access.scope(actor, 'feedback.manage');
      let unitPath: string | undefined;
      if (q.unitId) {
        const unit = await repo.unitById(q.unitId);
        if (!unit) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị');
        unitPath = unit.path;
      }
      const { items, total } = await repo.listFeedback(
        scope,
        { unitPath, status: q.status, q: q.q },
        { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
      );
      return { items: items.map(toFeedback), total, page: q.page, pageSize: q.pageSize };
    },

    async updateFeedback(
      actor: Actor,
      schoolId: string,
      id: string,
      body: FeedbackUpdateBody,
    ): Promise<Feedback> {
      await access.require(actor, 'feedback.manage', { schoolId });
      const current = await repo.feedback(schoolId, id);
      if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy góp ý');
      const f = current.f;
      const status =
        body.answer !== undefined && body.status === undefined ? 'answered' : (body.status ?? f.status);
      if (status !== f.status && !TRANSITIONS[f.status].includes(status))
        throw new AppError(
          'VALIDATION_FAILED',
          `Không chuyển được trạng thái từ "${f.status}" sang "${status}"`,
          {
            field: 'status',
          },
        );
      const answer = body.answer !== undefined ? body.answer.normalize('NFC') : f.answer;
      if (status === 'answered' && !answer)
        throw new AppError('VALIDATION_FAILED', 'Cần nội dung trả lời trước khi chuyển sang "đã trả lời"', {
          field: 'answer',
        });
      const set: Record<string, unknown> = { status, answer };
      if (status === 'answered' && (f.status !== 'answered' || body.answer !== undefined))
        set.answeredAt = new Date();
      if (body.assignee === 'me') {
        set.assigneeUserId = actor.userId;
        set.assigneeName = actor.fullName;
      } else if (body.assignee === null) {
        set.assigneeUserId = null;
        set.assigneeName = null;
      } else if (!f.assigneeUserId && status !== 'new') {
        set.assigneeUserId = actor.userId;
        set.assigneeName = actor.fullName;
      }
      await database.transaction(async (tx) => {
        const updated = await createDisclosureRepository(tx).updateFeedback(schoolId, id, set);
        await audit.record(tx, actor, {
          schoolId,
          action: 'update',
          entity: 'public_feedback',
          entityId: id,
          before: { status: f.status, assigneeName: f.assigneeName, answer: f.answer },
          after: { status: updated.status, assigneeName: updated.assigneeName, answer: updated.answer },
        });
      });
      return toFeedback((await repo.feedback(schoolId, id))!);
    },
  };
}
export type DisclosureService = ReturnType<typeof createDisclosureService>;
