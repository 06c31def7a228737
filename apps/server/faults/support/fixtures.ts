import { createHash, randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '@smartedu/db';
import type { Backend, Session } from './server';

/**
 * Direct database set-up for the fault tests (done while the server is stopped, as PGlite has one owner):
 * a school of N students with student accounts and live sessions (token hashed as identity stores it), and an
 * exam open now on the question bank demo's Toán 6 test for that school.
 */

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const uuidOf = (prefix: string, n: number) =>
  `00000000-0000-4000-${prefix}-${n.toString(16).padStart(12, '0')}`;

export async function withDatabase<T>(backend: Backend, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = backend.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: backend.databaseUrl, poolSize: 2 })
    : await openDatabase({ kind: 'pglite', dataDir: backend.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function createExamSchool(
  database: Database,
  students: number,
): Promise<{ schoolId: string; examId: string; questions: number; sessions: Session[] }> {
  const classSize = 40;
  const [phong] = await database.execute<{ id: string; path: string }>(
    "select id, path from units where kind = 'district_department' order by code limit 1",
  );
  const [year] = await database.execute<{ id: string }>('select id from school_years where is_current');
  const schoolId = uuidOf('b0f0', 1);
  await database.execute(
    `insert into units (id, parent_id, kind, code, name, path, school_level, ownership)
     values ($1, $2, 'school', 'FAULT-EXAM', 'Trường THCS Thử Lỗi', $3, 'THCS', 'public')`,
    [schoolId, phong.id, `${phong.path}${schoolId}/`],
  );
  await database.execute(
    `insert into classes (school_id, id, school_year_id, grade, name)
     select $1, ('00000000-0000-4000-9f00-' || lpad(to_hex(n), 12, '0'))::uuid, $2, 6, 'F' || lpad(n::text, 3, '0')
     from generate_series(0, $3 - 1) n`,
    [schoolId, year.id, Math.ceil(students / classSize)],
  );
  await database.execute(
    `insert into students (school_id, id, sector_id, full_name, birth_date, gender, ethnicity_code, current_class_id)
     select $1, ('00000000-0000-4000-8f00-' || lpad(to_hex(g), 12, '0'))::uuid, 'FT' || lpad(g::text, 8, '0'),
            'Học sinh ' || g, '2013-01-01', case when g % 2 = 0 then 'M' else 'F' end, '01',
            ('00000000-0000-4000-9f00-' || lpad(to_hex(g / ${classSize}), 12, '0'))::uuid
     from generate_series(0, $2 - 1) g`,
    [schoolId, students],
  );
  await database.execute(
    `insert into users (id, username, password_hash, full_name, home_unit_id, student_id)
     select ('00000000-0000-4000-af00-' || lpad(to_hex(g), 12, '0'))::uuid, 'fault.hs' || g, 'no-login',
            'Học sinh ' || g, $1, ('00000000-0000-4000-8f00-' || lpad(to_hex(g), 12, '0'))::uuid
     from generate_series(0, $2 - 1) g`,
    [schoolId, students],
  );
  await database.execute(
    `insert into role_assignments (user_id, role, unit_id)
     select ('00000000-0000-4000-af00-' || lpad(to_hex(g), 12, '0'))::uuid, 'student', $1
     from generate_series(0, $2 - 1) g`,
    [schoolId, students],
  );
  const sessions: Session[] = [];
  const ids: string[] = [];
  const users: string[] = [];
  const csrfs: string[] = [];
  for (let g = 0; g < students; g++) {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    sessions.push({ cookie: `smartedu_sid=${token}`, csrf });
    ids.push(sha256(token));
    users.push(uuidOf('af00', g));
    csrfs.push(csrf);
  }
  await database.execute(
    `insert into sessions (id, user_id, csrf_token, expires_at)
     select s.id, s.user_id, s.csrf, now() + interval '12 hours'
     from unnest($1::text[], $2::uuid[], $3::text[]) as s(id, user_id, csrf)`,
    [ids, users, csrfs],
  );
  const [test] = await database.execute<{ school_id: string; id: string; n: number }>(
    `select t.school_id, t.id, (select count(*)::int from test_items i where i.school_id = t.school_id and i.test_id = t.id) as n
       from tests t where t.subject_code = 'THCS_TOAN' and t.grade = 6 and t.blueprint is not null limit 1`,
  );
  if (!test) throw new Error('the question bank demo has no Toán 6 test');
  const examId = uuidOf('bf00', 1);
  await database.execute(
    `insert into exams (id, owner_unit_id, test_school_id, test_id, title, subject_code, opens_at, closes_at, duration_minutes)
     values ($1, $2, $3, $4, 'Thi thử: kill -9 giữa giờ', 'THCS_TOAN', now() - interval '1 minute', now() + interval '3 hours', 150)`,
    [examId, schoolId, test.school_id, test.id],
  );
  await database.execute(
    `insert into exam_targets (exam_id, target_id, kind, unit_id) values ($1, $2, 'unit', $2)`,
    [examId, schoolId],
  );
  return { schoolId, examId, questions: test.n, sessions };
}
