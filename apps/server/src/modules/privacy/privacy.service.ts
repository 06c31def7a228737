import {
  type AnonymiseResult,
  type ConsentBody,
  ConsentPurpose,
  type ConsentRecord,
  CURRENT_NOTICE_VERSION,
  type PersonalDataExport,
  type StudentConsents,
} from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import ExcelJS from 'exceljs';
import { AppError, forbidden, notFound } from '../../errors';
import type { AccessService, Actor } from '../access';
import type { AuditRepository } from '../audit';
import { createPrivacyRepository } from './privacy.repository';

export type PrivacyDeps = { database: Database; access: AccessService; audit: AuditRepository };

/** Vietnamese titles of the exported tables (a table without one is shown by its name). */
const TITLES: Record<string, string> = {
  students: 'Hồ sơ học sinh',
  enrolments: 'Quá trình học (lớp, chuyển trường)',
  guardians: 'Cha mẹ, người giám hộ',
  student_guardians: 'Quan hệ với người giám hộ',
  grade_entries: 'Sổ điểm: điểm và nhận xét',
  grade_subject_results: 'Kết quả môn học',
  grade_student_results: 'Kết quả học tập, rèn luyện',
  conduct_ratings: 'Đánh giá rèn luyện',
  transcripts: 'Học bạ số',
  attendance_records: 'Điểm danh',
  attendance_device_users: 'Đăng ký trên máy chấm công',
  attendance_punches: 'Lượt chấm công',
  message_threads: 'Sổ liên lạc: cuộc trao đổi',
  messages: 'Sổ liên lạc: tin nhắn',
  notifications: 'Thông báo gửi tài khoản học sinh',
  exam_attempts: 'Bài thi trực tuyến',
  exam_answers: 'Câu trả lời bài thi',
  exam_focus_events: 'Sự kiện giám sát thi',
  exam_student_mastery: 'Phân tích năng lực sau bài thi',
  privacy_consents: 'Đồng ý xử lý dữ liệu tùy chọn',
  users: 'Tài khoản',
  audit_log: 'Nhật ký thao tác về học sinh',
};

/** Students whose data may be anonymised: no longer at the school. */
const DEPARTED = new Set(['transferred_out', 'graduated', 'dropped_out']);
const ARCHIVAL = [
  'students (họ tên, ngày sinh, giới tính, dân tộc, mã định danh)',
  'enrolments',
  'grade_entries, grade_subject_results, grade_student_results, conduct_ratings',
  'transcripts (học bạ)',
  'attendance_records',
  'exam_attempts (điểm)',
  'privacy_consents',
  'audit_log',
];

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export function createPrivacyService(deps: PrivacyDeps) {
  const { database, access, audit } = deps;
  const repo = createPrivacyRepository(database.db);

  async function load(schoolId: string, studentId: string) {
    const student = await repo.findStudent(schoolId, studentId);
    if (!student) throw notFound('học sinh');
    return student;
  }

  /** The actor is a guardian (parent account) of this student. */
  async function isGuardian(actor: Actor, schoolId: string, studentId: string) {
    if (!actor.guardianId) return false;
    return (await repo.guardiansOf(schoolId, studentId)).some((g) => g.id === actor.guardianId);
  }

  /** School administration (students.write on the school) or the student's own guardian. */
  async function requireManagerOrGuardian(actor: Actor, schoolId: string, studentId: string) {
    if (await isGuardian(actor, schoolId, studentId)) return 'guardian' as const;
    await access.require(actor, 'students.write', { schoolId });
    return 'school' as const;
  }

  async function buildExport(actor: Actor, schoolId: string, studentId: string): Promise<PersonalDataExport> {
    const student = await load(schoolId, studentId);
    const by = await requireManagerOrGuardian(actor, schoolId, studentId);
    const sections = await repo.collect(schoolId, studentId);
    const result: PersonalDataExport = {
      generatedAt: new Date().toISOString(),
      school: { id: schoolId, name: await repo.schoolName(schoolId) },
      student: { id: student.id, sectorId: student.sectorId, fullName: student.fullName },
      sections: sections.map((s) => ({ ...s, title: TITLES[s.table] ?? s.table })),
    };
    // The request itself is audited (who asked, as whom, how much was handed out).
    await database.transaction(async (tx) => {
      await audit.record(tx, actor, {
        schoolId,
        action: 'personal_data_export',
        entity: 'student',
        entityId: studentId,
        after: { requestedAs: by, sections: sections.map((s) => `${s.table}:${s.rows.length}`) },
      });
    });
    return result;
  }

  return {
    exportJson: buildExport,

    /** The same content as a readable workbook: a summary sheet, then one sheet per table. */
    async exportXlsx(
      actor: Actor,
      schoolId: string,
      studentId: string,
    ): Promise<{ file: Buffer; name: string }> {
      const data = await buildExport(actor, schoolId, studentId);
      const wb = new ExcelJS.Workbook();
      wb.creator = 'SmartEdu';
      const summary = wb.addWorksheet('Tóm tắt');
      summary.columns = [{ width: 42 }, { width: 60 }];
      summary.addRow(['Dữ liệu cá nhân của học sinh (Nghị định 13/2023/NĐ-CP)']).font = {
        bold: true,
        size: 13,
      };
      summary.addRow(['Trường', data.school.name]);
      summary.addRow(['Học sinh', data.student.fullName]);
      summary.addRow(['Mã định danh', data.student.sectorId]);
      summary.addRow(['Thời điểm xuất', data.generatedAt]);
      summary.addRow([]);
      summary.addRow(['Nhóm dữ liệu', 'Số bản ghi']).font = { bold: true };
      const used = new Set<string>();
      for (const s of data.sections) {
        summary.addRow([s.title, s.rows.length]);
        let name = s.title.replace(/[*?:\\/[\]]/g, ' ').slice(0, 28);
        for (let i = 2; used.has(name); i++) name = `${name.slice(0, 26)} ${i}`;
        used.add(name);
        const ws = wb.addWorksheet(name);
        const keys = [...new Set(s.rows.flatMap((r) => Object.keys(r)))];
        ws.addRow(keys).font = { bold: true };
        for (const r of s.rows)
          ws.addRow(
            keys.map((k) => {
              const v = r[k];
              if (v === null || v === undefined) return '';
              if (typeof v === 'object') return JSON.stringify(v).slice(0, 32_000);
              return v as string | number | boolean;
            }),
          );
        ws.columns.forEach((c) => {
          c.width = 18;
        });
      }
      const file = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      return { file, name: `du-lieu-ca-nhan-${data.student.sectorId}.xlsx` };
    },

    /** Anonymises a departed student's non-archival data; refused for a student still studying. */
    async anonymise(
      actor: Actor,
      schoolId: string,
      studentId: string,
      body: { confirmSectorId: string; reason: string },
    ): Promise<AnonymiseResult> {
      await access.require(actor, 'students.write', { schoolId });
      const student = await load(schoolId, studentId);
      if (!DEPARTED.has(student.status))
        throw new AppError(
          'CONFLICT',
          'Học sinh đang học tại trường: chỉ ẩn danh dữ liệu của học sinh đã chuyển đi, tốt nghiệp hoặc thôi học',
          { field: 'status', status: student.status },
        );
      if (body.confirmSectorId !== student.sectorId)
        throw new AppError('VALIDATION_FAILED', 'Mã định danh nhập lại không khớp với học sinh', {
          field: 'confirmSectorId',
        });
      return database.transaction(async (tx) => {
        const changed = await createPrivacyRepository(tx).anonymise(schoolId, studentId);
        await audit.record(tx, actor, {
          schoolId,
          action: 'anonymise',
          entity: 'student',
          entityId: studentId,
          before: { status: student.status },
          after: { reason: body.reason, changed, kept: ARCHIVAL },
        });
        return { studentId, changed, kept: ARCHIVAL };
      });
    },

    async consents(actor: Actor, schoolId: string, studentId: string): Promise<StudentConsents> {
      const student = await load(schoolId, studentId);
      if (!(await isGuardian(actor, schoolId, studentId)))
        await access.require(actor, 'students.read', {
          schoolId,
          studentId,
          classIds: student.currentClassId ? [student.currentClassId] : [],
        });
      const history: ConsentRecord[] = (await repo.consents(schoolId, studentId)).map((r) => ({
        id: r.id,
        purpose: r.purpose as ConsentRecord['purpose'],
        status: r.status as ConsentRecord['status'],
        noticeVersion: r.notice_version,
        guardianId: r.guardian_id,
        guardianName: r.guardian_name,
        channel: r.channel as ConsentRecord['channel'],
        recordedByName: r.recorded_by_name,
        recordedAt: iso(r.recorded_at),
      }));
      return {
        studentId,
        currentNoticeVersion: CURRENT_NOTICE_VERSION,
        current: ConsentPurpose.options.map((purpose) => ({
          purpose,
          record: history.find((h) => h.purpose === purpose) ?? null,
        })),
        history,
      };
    },

    /** A guardian gives or withdraws consent online; the school records a signed paper form naming the guardian. */
    async recordConsent(actor: Actor, schoolId: string, studentId: string, body: ConsentBody) {
      await load(schoolId, studentId);
      const by = await requireManagerOrGuardian(actor, schoolId, studentId);
      let guardianId: string | null;
      if (by === 'guardian') {
        if (body.guardianId && body.guardianId !== actor.guardianId)
          throw forbidden('Phụ huynh chỉ ghi nhận quyết định của chính mình');
        guardianId = actor.guardianId;
      } else {
        guardianId = body.guardianId ?? null;
        if (guardianId && !(await repo.guardiansOf(schoolId, studentId)).some((g) => g.id === guardianId))
          throw new AppError('VALIDATION_FAILED', 'Người giám hộ không phải của học sinh này', {
            field: 'guardianId',
          });
      }
      return database.transaction(async (tx) => {
        const row = await createPrivacyRepository(tx).insertConsent({
          schoolId,
          studentId,
          purpose: body.purpose,
          status: body.status,
          noticeVersion: body.noticeVersion,
          guardianId,
          channel: by === 'guardian' ? 'online' : 'paper',
          recordedByUserId: actor.userId,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: body.status === 'given' ? 'consent_given' : 'consent_withdrawn',
          entity: 'student',
          entityId: studentId,
          after: {
            purpose: body.purpose,
            noticeVersion: body.noticeVersion,
            guardianId,
            channel: row.channel,
          },
        });
        return { id: row.id };
      });
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
