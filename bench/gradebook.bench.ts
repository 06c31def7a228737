import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@smartedu/db';
import { regularAssessmentCount } from '@smartedu/domain';
import { buildApp } from '../apps/server/src/app';
import { loadConfig } from '../apps/server/src/config';
import { createAccessRepository, createAccessService } from '../apps/server/src/modules/access';
import { countAbsentSessions } from '../apps/server/src/modules/attendance';
import { createAuditRepository } from '../apps/server/src/modules/audit';
import { createGradebookService } from '../apps/server/src/modules/gradebook';
import { hashPassword } from '../apps/server/src/modules/identity';
import {
  type Bench,
  type BenchResult,
  freshDemoDatabase,
  latencyOf,
  MB,
  sampleMemory,
  timed,
} from './harness';

/**
 * Gradebook benchmark.
 * Year-end computation: a synthetic lower-secondary school of N students (300,000 on PostgreSQL) with a full
 * year of scores in grade_entries (every ĐĐGtx, giữa kì and cuối kì of the 12 subjects of grades 6-9, both
 * terms, plus conduct), then (a) a chunked SELECT of the same rows alone, in primary-key order (school, year,
 * student, …), touching every row: the reading floor; (b) the gradebook's real year-end path
 * (`computeYear`: per chunk of 2,000 students one transaction that reads the entries and conduct, computes
 * with @smartedu/domain and upserts the subject and student rollups).
 * Grid saves: PUT /api/schools/:id/gradebook/grid through app.inject with a signed-in teacher, whole-class
 * saves (paste of a class's Toán column block) and single-cell autosaves, each validated, audited and
 * recomputed.
 */

const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const STUDENTS = Number(process.env.BENCH_GRADEBOOK_STUDENTS ?? (ON_POSTGRES ? 300_000 : 10_000));
const CLASS_SIZE = 40;
const GENERATE_CHUNK = 10_000; // students per generating statement
const READ_CHUNK = 2_000; // students per SELECT of the floor (the compute path uses the same chunk size)
const BENCH_PASSWORD = 'Bench@Gradebook2025';

type Ref = { schoolId: string; yearId: string; phongId: string; phongPath: string };

async function createSchool(database: Database): Promise<Ref> {
  const [phong] = await database.execute<{ id: string; path: string }>(
    "select id, path from units where kind = 'district_department' order by code limit 1",
  );
  const [year] = await database.execute<{ id: string }>('select id from school_years where is_current');
  const [school] = await database.execute<{ id: string }>(
    `insert into units (id, parent_id, kind, code, name, path, school_level, ownership)
     values (gen_random_uuid(), $1, 'school', 'BENCH-GB', 'Trường THCS Đo Hiệu Năng', '', 'THCS', 'public')
     returning id`,
    [phong.id],
  );
  await database.execute('update units set path = $1 where id = $2', [
    `${phong.path}${school.id}/`,
    school.id,
  ]);
  return { schoolId: school.id, yearId: year.id, phongId: phong.id, phongPath: phong.path };
}

/**
 * Classes, students, a full year of entries and conduct, generated inside the database. Ids increase with the
 * student number and rows are inserted in primary-key order, so the indexes grow at their right edge.
 */
async function generateYear(database: Database, ref: Ref) {
  const classes = Math.ceil(STUDENTS / CLASS_SIZE);
  await database.execute(
    `insert into classes (school_id, id, school_year_id, grade, name)
     select $1, ('00000000-0000-4000-9000-' || lpad(to_hex(n), 12, '0'))::uuid, $2, 6 + n % 4, 'K' || lpad(n::text, 5, '0')
     from generate_series(0, $3 - 1) n`,
    [ref.schoolId, ref.yearId, classes],
  );
  await database.execute(
    `insert into students (school_id, id, sector_id, full_name, birth_date, gender, ethnicity_code, current_class_id)
     select $1, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'GB' || lpad(g::text, 7, '0'),
            'Học sinh ' || g, '2012-01-01', case when g % 2 = 0 then 'M' else 'F' end, '01',
            ('00000000-0000-4000-9000-' || lpad(to_hex(g / ${CLASS_SIZE}), 12, '0'))::uuid
     from generate_series(0, $2 - 1) g`,
    [ref.schoolId, STUDENTS],
  );
  // The slots of each subject and grade, from the domain's rule (ĐĐGtx count by periods per year).
  const subjects = await database.execute<{ grade: number; id: string; assessment: string; periods: number }>(
    `select sg.grade, s.id, s.assessment, sg.periods_per_year as periods
     from subject_grades sg join subjects s on s.id = sg.subject_id where sg.grade between 6 and 9`,
  );
  const slots: { grade: number; subjectId: string; kind: string; index: number; scored: boolean }[] = [];
  for (const s of subjects) {
    const kind = s.assessment === 'comment' ? 'comment' : 'scored';
    const n = regularAssessmentCount(kind, s.periods);
    for (let i = 1; i <= n; i++)
      slots.push({ grade: s.grade, subjectId: s.id, kind: 'regular', index: i, scored: kind === 'scored' });
    slots.push({ grade: s.grade, subjectId: s.id, kind: 'midterm', index: 0, scored: kind === 'scored' });
    slots.push({ grade: s.grade, subjectId: s.id, kind: 'endterm', index: 0, scored: kind === 'scored' });
  }
  for (let from = 0; from < STUDENTS; from += GENERATE_CHUNK) {
    const to = Math.min(STUDENTS, from + GENERATE_CHUNK) - 1;
    await database.execute(
      `insert into grade_entries (school_id, school_year_id, student_id, subject_id, term_no, kind, slot_index, class_id,
                                  score, result)
       select s.school_id, $2, s.id, sl.subject_id, t.term_no, sl.kind, sl.slot_index, s.current_class_id,
              case when sl.scored then round((3.5 + random() * 6.5)::numeric, 1) end,
              case when not sl.scored then case when random() < 0.02 then 'CD' else 'D' end end
       from students s
       join classes c on c.school_id = s.school_id and c.id = s.current_class_id
       join unnest($3::int[], $4::uuid[], $5::text[], $6::smallint[], $7::bool[])
         as sl(grade, subject_id, kind, slot_index, scored) on sl.grade = c.grade
       cross join (values (1::smallint), (2::smallint)) as t(term_no)
       where s.school_id = $1 and s.sector_id between $8 and $9
       order by s.id, sl.subject_id, t.term_no, sl.kind, sl.slot_index`,
      [
        ref.schoolId,
        ref.yearId,
        slots.map((s) => s.grade),
        slots.map((s) => s.subjectId),
        slots.map((s) => s.kind),
        slots.map((s) => s.index),
        slots.map((s) => s.scored),
        `GB${String(from).padStart(7, '0')}`,
        `GB${String(to).padStart(7, '0')}`,
      ],
    );
    process.stderr.write(
      `\r  generated ${(to + 1).toLocaleString('en-US')} / ${STUDENTS.toLocaleString('en-US')} students`,
    );
  }
  process.stderr.write('\n');
  await database.execute(
    `insert into conduct_ratings (school_id, school_year_id, student_id, term_no, aspect, class_id, level)
     select s.school_id, $2, s.id, t.term_no, 'conduct', s.current_class_id,
            (array['T','T','T','K','K','D'])[1 + floor(random() * 6)::int]
     from students s cross join (values (1::smallint), (2::smallint)) as t(term_no) where s.school_id = $1`,
    [ref.schoolId, ref.yearId],
  );
  await database.execute('analyze grade_entries');
  await database.execute('analyze students');
  const [{ n }] = await database.execute<{ n: number }>(
    'select count(*)::int as n from grade_entries where school_id = $1',
    [ref.schoolId],
  );
  return n;
}

/** (a) The floor: the same rows by chunks of students in primary-key order, every row touched. */
async function readFloor(database: Database, ref: Ref) {
  const ids = (
    await database.execute<{ id: string }>('select id from students where school_id = $1 order by id', [
      ref.schoolId,
    ])
  ).map((r) => r.id);
  let rows = 0;
  let sum = 0;
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    const chunk = await database.execute<{ score: string | null; result: string | null }>(
      `select student_id, subject_id, term_no, kind, slot_index, score, result from grade_entries
       where school_id = $1 and school_year_id = $2 and student_id between $3 and $4
       order by school_id, school_year_id, student_id, subject_id, term_no, kind, slot_index`,
      [ref.schoolId, ref.yearId, ids[i], ids[Math.min(ids.length, i + READ_CHUNK) - 1]],
    );
    for (const r of chunk) {
      rows++;
      if (r.score !== null) sum += Number(r.score);
    }
  }
  return { rows, sum };
}

/** Grid saves on their own demo database, so that nothing else in the app works on the synthetic school. */
async function gridSaves() {
  const { database, dispose } = await freshDemoDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'smartedu-bench-gb-'));
  await database.execute("update users set password_hash = $1 where username = 'giaovien.qt'", [
    await hashPassword(BENCH_PASSWORD),
  ]);
  const config = {
    ...loadConfig({ SMARTEDU_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv),
    webDist: path.join(dataDir, 'no-web'),
  };
  const app = await buildApp({ config, database });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'giaovien.qt', password: BENCH_PASSWORD },
    });
    const me = login.json();
    const cookies = { smartedu_sid: login.cookies.find((c) => c.name === 'smartedu_sid')!.value };
    const headers = { 'x-csrf-token': me.csrfToken };
    const schoolId = me.homeUnitId as string;
    const [{ class_id: classId, subject_id: subjectId }] = await database.execute<{
      class_id: string;
      subject_id: string;
    }>(
      `select c.id as class_id, s.id as subject_id from classes c, subjects s
       where c.school_id = $1 and c.name = '6A1' and s.code = 'THCS_TOAN'`,
      [schoolId],
    );
    const url = `/api/schools/${schoolId}/gradebook/grid`;
    const grid = (
      await app.inject({ url: `${url}?classId=${classId}&subjectId=${subjectId}&termNo=2`, cookies })
    ).json() as { rows: { studentId: string }[]; slots: { code: string }[] };
    const scoreSlots = grid.slots.filter((s) => s.code !== 'NX').map((s) => s.code);
    const save = async (changes: { studentId: string; slot: string; value: string }[]) => {
      const res = await app.inject({
        method: 'PUT',
        url,
        cookies,
        headers,
        payload: { classId, subjectId, termNo: 2, changes },
      });
      if (res.statusCode !== 200)
        throw new Error(`grid save failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res.json().saved as number;
    };
    const value = (round: number, i: number) =>
      String(((round + i) % 10) + (round % 2 ? 0.5 : 0)).replace('.', ',');
    // Whole-class saves: the pasted block of every score column for 40 students.
    const FULL_ROUNDS = 20;
    let fullCells = 0;
    const full = await timed(async () => {
      for (let round = 0; round < FULL_ROUNDS; round++) {
        fullCells += await save(
          grid.rows.flatMap((r, i) =>
            scoreSlots.map((slot, j) => ({ studentId: r.studentId, slot, value: value(round, i + j) })),
          ),
        );
      }
    });
    // Autosave of one cell at a time, as typed.
    const SINGLE = 100;
    const latencies: number[] = [];
    for (let k = 0; k < SINGLE; k++) {
      const t0 = performance.now();
      await save([{ studentId: grid.rows[k % grid.rows.length].studentId, slot: 'TX1', value: value(k, 3) }]);
      latencies.push(performance.now() - t0);
    }
    return {
      single: latencyOf('grid autosave, one cell (sequential)', latencies),
      fullRounds: FULL_ROUNDS,
      cellsPerRequest: grid.rows.length * scoreSlots.length,
      fullCells,
      fullSeconds: full.seconds,
      singlePerSecond: SINGLE / (latencies.reduce((a, b) => a + b, 0) / 1000),
    };
  } finally {
    await app.close();
    await dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const gradebookBench: Bench = {
  name: 'gradebook',
  description: `Year-end computation for ${STUDENTS.toLocaleString('en-US')} students with a full year of scores, against reading the same rows alone; grid save throughput`,
  async run(): Promise<BenchResult> {
    const { database, kind, dispose } = await freshDemoDatabase();
    try {
      const ref = await createSchool(database);
      const generated = await timed(() => generateYear(database, ref));
      const entries = generated.value;

      process.stderr.write(
        `  ${entries.toLocaleString('en-US')} rows generated in ${generated.seconds.toFixed(1)} s\n`,
      );
      const floorMem = sampleMemory();
      const floor = await timed(() => readFloor(database, ref));
      const floorPeak = floorMem.stop();
      if (floor.value.rows !== entries) throw new Error(`floor read ${floor.value.rows} of ${entries} rows`);

      const gradebook = createGradebookService({
        database,
        access: createAccessService(createAccessRepository(database.db)),
        audit: createAuditRepository(),
        absences: countAbsentSessions, // as in the app: the year-end batch counts each chunk's absent sessions
      });
      const mem = sampleMemory();
      const compute = await timed(() => gradebook.computeYear(ref.schoolId, ref.yearId));
      const peak = mem.stop();
      const c = compute.value;
      if (c.students !== STUDENTS) throw new Error(`computed ${c.students} of ${STUDENTS} students`);
      const [{ complete }] = await database.execute<{ complete: number }>(
        `select count(*)::int as complete from grade_student_results
         where school_id = $1 and period = 'year' and status = 'complete'`,
        [ref.schoolId],
      );
      process.stderr.write(
        `  computed in ${compute.seconds.toFixed(1)} s (floor ${floor.seconds.toFixed(1)} s)\n`,
      );
      const saves = await gridSaves();
      const ratio = compute.seconds / floor.seconds;
      return {
        name: 'gradebook',
        description: gradebookBench.description,
        metrics: [
          { label: 'students', value: STUDENTS, unit: '' },
          { label: 'score rows (grade_entries)', value: entries, unit: 'rows' },
          { label: 'generate (in the database)', value: generated.seconds, unit: 's' },
          { label: '(a) read the same rows alone (floor)', value: floor.seconds, unit: 's' },
          { label: '(a) floor rows/s', value: Math.round(entries / floor.seconds), unit: 'rows/s' },
          { label: '(b) year-end computation (compute path)', value: compute.seconds, unit: 's' },
          { label: '(b) score rows read/s', value: Math.round(entries / compute.seconds), unit: 'rows/s' },
          { label: '(b) students/s', value: Math.round(STUDENTS / compute.seconds), unit: 'students/s' },
          { label: '(b) rollup rows written', value: c.subjectResults + c.studentResults, unit: 'rows' },
          { label: '(b) of which reading', value: c.phases.readMs / 1000, unit: 's' },
          { label: '(b) of which computing (domain rules)', value: c.phases.computeMs / 1000, unit: 's' },
          { label: '(b) of which writing the rollups', value: c.phases.writeMs / 1000, unit: 's' },
          { label: 'ratio computation / read alone', value: ratio, unit: '×' },
          { label: '(a) peak RSS', value: floorPeak.peakRss / MB, unit: 'MB' },
          { label: '(b) peak RSS', value: peak.peakRss / MB, unit: 'MB' },
          {
            label: `grid save, whole class (${saves.cellsPerRequest} cells/request)`,
            value: Math.round(saves.fullCells / saves.fullSeconds),
            unit: 'cells/s',
          },
          {
            label: 'grid save, whole class, per request',
            value: (saves.fullSeconds / saves.fullRounds) * 1000,
            unit: 'ms',
          },
          { label: 'grid autosave, one cell, p50', value: saves.single.p50, unit: 'ms' },
          { label: 'grid autosave, one cell, p95', value: saves.single.p95, unit: 'ms' },
          { label: 'grid autosave, one cell, p99', value: saves.single.p99, unit: 'ms' },
          { label: 'grid autosave, one cell', value: saves.singlePerSecond, unit: 'saves/s' },
        ],
        latencies: [saves.single],
        notes: [
          `database: ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in memory (same process)'}`,
          kind === 'pglite'
            ? `scaled down to ${STUDENTS.toLocaleString('en-US')} students on PGlite (BENCH_GRADEBOOK_STUDENTS to change); run with DATABASE_URL for 300,000`
            : 'full size: 300,000 students (BENCH_GRADEBOOK_STUDENTS to change)',
          `results: ${complete.toLocaleString('en-US')} of ${STUDENTS.toLocaleString('en-US')} students with a complete year result (learning, conduct, promotion)`,
          '(a) one SELECT per 2,000 students (primary-key range), rows parsed by the driver and every row touched; (b) the same chunks through the repository, computed with @smartedu/domain (computeTermAverage, commentTermResult, computeYearAverage, classifyLearningResult, conductYearResult, promotionDecision, yearAward) and upserted with unnest, one transaction per chunk',
          'grid saves: every request validated with the shared cell checker, checked against the expected values, written, audited (one audit row per changed cell) and the 40 students recomputed, all in one transaction',
        ],
      };
    } finally {
      await dispose();
    }
  },
};

/** `npx tsx bench/gradebook.bench.ts` runs this benchmark alone. */
export const run = gradebookBench.run;
