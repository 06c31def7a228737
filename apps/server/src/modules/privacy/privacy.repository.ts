import { privacyConsents, type Queryable, students, units } from '@smartedu/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';

/**
 * The privacy module reads across modules by design (a guardian's request covers everything held about a child):
 * tables that hold a `student_id` are found in the catalogue, so a module added later is exported without
 * changes here. Columns that hold secrets or binary files are never exported.
 */
const SECRET_COLUMN = /(^|_)(password|token|secret)(_|$)|_hash$|^pdf$|save_token|csrf/i;
/** Tables that are bookkeeping, not data about the student. */
const NOT_PERSONAL = new Set(['jobs']);

const MODULE_OF: [RegExp, string][] = [
  [/^(students|enrolments|guardians|student_guardians)$/, 'registry'],
  [/^(grade_|conduct_)/, 'gradebook'],
  [/^transcript/, 'transcripts'],
  [/^attendance_/, 'attendance'],
  [/^(message|thread_|announcement|notification)/, 'contact-book'],
  [/^exam_/, 'exams'],
  [/^privacy_/, 'privacy'],
  [/^audit_log$/, 'audit'],
  [/^(users|sessions|api_tokens)$/, 'identity'],
  [/^ops_/, 'operations'],
];
export const moduleOf = (table: string) => MODULE_OF.find(([re]) => re.test(table))?.[1] ?? 'other';

type Row = Record<string, unknown>;
const rowsOf = <T = Row>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

function clean(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (SECRET_COLUMN.test(k)) continue;
    out[k] = v instanceof Uint8Array ? `[${v.byteLength} byte]` : v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

export type ExportSection = { module: string; table: string; rows: Row[] };

export function createPrivacyRepository(db: Queryable) {
  const q = async <T = Row>(query: SQL) => rowsOf<T>(await db.execute(query));
  const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '')}"`);

  return {
    async findStudent(schoolId: string, id: string) {
      const [row] = await db
        .select()
        .from(students)
        .where(and(eq(students.schoolId, schoolId), eq(students.id, id)));
      return row ?? null;
    },

    async schoolName(schoolId: string) {
      const [row] = await db.select({ name: units.name }).from(units).where(eq(units.id, schoolId));
      return row?.name ?? '';
    },

    async guardiansOf(schoolId: string, studentId: string) {
      return q<{ id: string; full_name: string }>(
        sql`select g.id, g.full_name from student_guardians sg join guardians g on g.school_id = sg.school_id and g.id = sg.guardian_id
            where sg.school_id = ${schoolId} and sg.student_id = ${studentId}`,
      );
    },

    /** Every row about the student, table by table. */
    async collect(schoolId: string, studentId: string): Promise<ExportSection[]> {
      const columns = await q<{ t: string; c: string }>(
        sql`select table_name as t, column_name as c from information_schema.columns where table_schema = 'public'`,
      );
      const byTable = new Map<string, Set<string>>();
      for (const { t, c } of columns) {
        if (!byTable.has(t)) byTable.set(t, new Set());
        byTable.get(t)!.add(c);
      }
      const sections: ExportSection[] = [];
      const add = async (table: string, query: SQL) => {
        const rows = (await q(query)).map(clean);
        sections.push({ module: moduleOf(table), table, rows });
      };
      await add('students', sql`select * from students where school_id = ${schoolId} and id = ${studentId}`);
      const userIds = sql`(select id from users where student_id = ${studentId})`;
      for (const [table, cols] of [...byTable.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        if (NOT_PERSONAL.has(table) || table === 'students') continue;
        if (cols.has('student_id')) {
          const where = cols.has('school_id')
            ? sql`school_id = ${schoolId} and student_id = ${studentId}`
            : sql`student_id = ${studentId}`;
          await add(table, sql`select * from ${ident(table)} where ${where} order by 1, 2`);
        } else if (cols.has('person_kind') && cols.has('person_id')) {
          await add(
            table,
            sql`select * from ${ident(table)} where school_id = ${schoolId} and person_kind = 'student' and person_id = ${studentId} order by 1, 2`,
          );
        } else if (cols.has('attempt_id') && table.startsWith('exam_')) {
          await add(
            table,
            sql`select * from ${ident(table)} where school_id = ${schoolId} and attempt_id in (select id from exam_attempts where school_id = ${schoolId} and student_id = ${studentId}) order by 1, 2`,
          );
        } else if (
          cols.has('user_id') &&
          ['notifications', 'announcement_reads', 'thread_reads'].includes(table)
        ) {
          await add(table, sql`select * from ${ident(table)} where user_id in ${userIds} order by 1, 2`);
        }
      }
      await add(
        'guardians',
        sql`select g.* from guardians g join student_guardians sg on sg.school_id = g.school_id and sg.guardian_id = g.id
            where sg.school_id = ${schoolId} and sg.student_id = ${studentId} order by g.full_name`,
      );
      await add(
        'messages',
        sql`select m.* from messages m join message_threads t on t.school_id = m.school_id and t.id = m.thread_id
            where t.school_id = ${schoolId} and t.student_id = ${studentId} order by m.created_at`,
      );
      await add(
        'audit_log',
        sql`select * from audit_log where school_id = ${schoolId} and entity_id = ${studentId} order by at`,
      );
      return sections.filter((s) => s.rows.length > 0);
    },

    /**
     * Anonymises a departed student's non-archival data in the caller's transaction and returns the rows changed
     * per table. Kept as records: the registry identity (name, birth date, sector id), enrolments, gradebook,
     * transcripts, attendance records, exam results and scores, consent history, audit log.
     */
    async anonymise(schoolId: string, studentId: string): Promise<Record<string, number>> {
      const changed: Record<string, number> = {};
      const run = async (table: string, query: SQL) => {
        const rows = await q<{ n: number }>(
          sql`with x as (${query} returning 1) select count(*)::int as n from x`,
        );
        changed[table] = (changed[table] ?? 0) + (rows[0]?.n ?? 0);
      };
      const studentUsers = sql`(select id from users where student_id = ${studentId})`;
      // Guardians of this student and of no student still studying.
      const soleGuardians = sql`(select sg.guardian_id from student_guardians sg where sg.school_id = ${schoolId} and sg.student_id = ${studentId}
        and not exists (select 1 from student_guardians o join students s on s.school_id = o.school_id and s.id = o.student_id
          where o.school_id = sg.school_id and o.guardian_id = sg.guardian_id and o.student_id <> ${studentId} and s.status = 'studying'))`;
      const guardianUsers = sql`(select id from users where guardian_id in ${soleGuardians})`;
      const attempts = sql`(select id from exam_attempts where school_id = ${schoolId} and student_id = ${studentId})`;
      const threads = sql`(select id from message_threads where school_id = ${schoolId} and student_id = ${studentId})`;

      await run(
        'students',
        sql`update students set citizen_id = null, address = null, disability = null, poverty = 'none', orphan = 'none', updated_at = now()
            where school_id = ${schoolId} and id = ${studentId}`,
      );
      await run(
        'guardians',
        sql`update guardians set full_name = 'Phụ huynh (đã ẩn danh)', phone = 'an-danh-' || id::text, email = null, citizen_id = null, occupation = null, address = null, updated_at = now()
            where school_id = ${schoolId} and id in ${soleGuardians}`,
      );
      await run(
        'messages',
        sql`update messages set body = '(Nội dung đã xoá theo yêu cầu bảo vệ dữ liệu cá nhân)' where school_id = ${schoolId} and thread_id in ${threads}`,
      );
      await run(
        'message_threads',
        sql`update message_threads set title = 'Trao đổi (đã ẩn danh)' where school_id = ${schoolId} and id in ${threads}`,
      );
      await run(
        'attendance_device_users',
        sql`delete from attendance_device_users where school_id = ${schoolId} and person_kind = 'student' and person_id = ${studentId}`,
      );
      await run(
        'attendance_punches',
        sql`delete from attendance_punches where school_id = ${schoolId} and person_kind = 'student' and person_id = ${studentId}`,
      );
      await run(
        'attendance_records',
        sql`update attendance_records set note = null where school_id = ${schoolId} and person_kind = 'student' and person_id = ${studentId} and note is not null`,
      );
      await run(
        'exam_answers',
        sql`update exam_answers set answer = 'null'::jsonb, comment = null where school_id = ${schoolId} and attempt_id in ${attempts}`,
      );
      await run(
        'exam_focus_events',
        sql`delete from exam_focus_events where school_id = ${schoolId} and attempt_id in ${attempts}`,
      );
      await run(
        'exam_student_mastery',
        sql`delete from exam_student_mastery where school_id = ${schoolId} and student_id = ${studentId}`,
      );
      await run(
        'notifications',
        sql`delete from notifications where user_id in ${studentUsers} or user_id in ${guardianUsers}`,
      );
      await run(
        'sessions',
        sql`delete from sessions where user_id in ${studentUsers} or user_id in ${guardianUsers}`,
      );
      await run(
        'api_tokens',
        sql`delete from api_tokens where user_id in ${studentUsers} or user_id in ${guardianUsers}`,
      );
      await run(
        'users',
        sql`update users set disabled = true, full_name = 'Tài khoản đã ẩn danh', email = null, username = 'an-danh-' || left(id::text, 8)
            where id in ${studentUsers} or id in ${guardianUsers}`,
      );
      return changed;
    },

    async consents(schoolId: string, studentId: string) {
      return q<{
        id: string;
        purpose: string;
        status: string;
        notice_version: string;
        guardian_id: string | null;
        guardian_name: string | null;
        channel: string;
        recorded_by_name: string | null;
        recorded_at: Date | string;
      }>(
        sql`select c.id, c.purpose, c.status, c.notice_version, c.guardian_id, g.full_name as guardian_name, c.channel,
                   u.full_name as recorded_by_name, c.recorded_at
            from privacy_consents c
            left join guardians g on g.school_id = c.school_id and g.id = c.guardian_id
            left join users u on u.id = c.recorded_by_user_id
            where c.school_id = ${schoolId} and c.student_id = ${studentId}
            order by c.recorded_at desc, c.id desc`,
      );
    },

    async insertConsent(values: typeof privacyConsents.$inferInsert) {
      const [row] = await db.insert(privacyConsents).values(values).returning();
      return row;
    },
  };
}
export type PrivacyRepository = ReturnType<typeof createPrivacyRepository>;
