import type { Database } from '@smartedu/db';
import { COMPETENCIES, QUALITIES, TARGET_DEFINITION_CODES, targetDefinition } from '@smartedu/domain';
import { sql } from 'drizzle-orm';
import type { Actor } from '../apps/server/src/modules/access';
import { createAccessRepository, createAccessService } from '../apps/server/src/modules/access';
import { createAuditRepository } from '../apps/server/src/modules/audit';
import { createDashboardService } from '../apps/server/src/modules/operations/dashboard.service';
import {
  primaryFlagsSql,
  secondaryFlagsSql,
  smartTeachersSql,
} from '../apps/server/src/modules/operations/rollups.repository';
import { createRollupsService } from '../apps/server/src/modules/operations/rollups.service';
import { createTargetsService } from '../apps/server/src/modules/operations/targets.service';
import { type Bench, type BenchResult, freshDemoDatabase, type Metric, timed } from './harness';

/**
 * Operations centre at province scale. A generated department with SCHOOLS schools (half primary, half lower
 * secondary), 600 students each in 15 classes (5 smart), a year of results (primary: the 15 qualities and
 * competencies; THCS: term 1, term 2 and year results), 36 grade entries per student (10.8 million at full
 * scale), two weeks of roll calls and absences, smart rooms, equipment, usage logs and one plan over every
 * school with a target per definition.
 *
 * Measured: the rollup build (every school, one at a time: what a nightly rebuild costs) and one school's
 * refresh after a change (what "kept current" costs per write); then the median time of the department
 * dashboard and of the plan's targets (plan-wide + per-school breakdown of one target) read from the rollups,
 * against the same figures computed by scanning the raw rows. The rollup figures are checked equal to the raw
 * ones. Full scale on PostgreSQL (DATABASE_URL); PGlite runs a scaled-down department (labelled).
 */

const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const SCHOOLS = Number(process.env.BENCH_OPS_SCHOOLS ?? (ON_POSTGRES ? 500 : 20));
const PER_SCHOOL = 600;
const CLASSES = 15;
const RUNS = Number(process.env.BENCH_OPS_RUNS ?? 7);
const uid = (prefix: string, n: string) =>
  `('00000000-0000-4000-${prefix}-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

type Ref = { deptId: string; deptPath: string; yearId: string; day: string; planId: string };

async function generate(database: Database): Promise<Ref> {
  const [so] = await database.execute<{ id: string; path: string }>(
    "select id, path from units where kind = 'province_department' order by code limit 1",
  );
  const [year] = await database.execute<{ id: string; end_date: string }>(
    'select id, end_date::text from school_years where is_current',
  );
  const [dept] = await database.execute<{ id: string }>(
    `insert into units (id, parent_id, kind, code, name, path) values (gen_random_uuid(), $1, 'district_department',
     'BENCH-OPS', 'Phòng GD&ĐT (đo hiệu năng)', '') returning id`,
    [so.id],
  );
  const deptPath = `${so.path}${dept.id}/`;
  await database.execute('update units set path = $1 where id = $2', [deptPath, dept.id]);
  const S = SCHOOLS;
  const N = S * PER_SCHOOL;
  const Y = year.id;
  // Schools: even = primary (grades 1-5), odd = lower secondary (6-9).
  await database.execute(
    `insert into units (id, parent_id, kind, code, name, path, school_level, latitude, longitude)
     select ${uid('a100', 'n')}, $1, 'school', 'BOPS-' || n, 'Trường ' || case when n % 2 = 0 then 'TH' else 'THCS' end || ' số ' || n,
            $2 || ${uid('a100', 'n')}::text || '/', case when n % 2 = 0 then 'TH' else 'THCS' end,
            21.5 + (n % 25) * 0.05, 102.5 + (n / 25) * 0.05
       from generate_series(0, $3 - 1) n`,
    [dept.id, deptPath, S],
  );
  await database.execute(
    `insert into classes (school_id, id, school_year_id, grade, name, is_smart)
     select ${uid('a100', 'c / 15')}, ${uid('a200', 'c')}, $1,
            case when (c / 15) % 2 = 0 then 1 + (c % 15) % 5 else 6 + (c % 15) % 4 end,
            'L' || (c % 15), (c % 15) % 3 = 0
       from generate_series(0, $2 - 1) c`,
    [Y, S * CLASSES],
  );
  await database.execute(
    `insert into students (school_id, id, sector_id, full_name, birth_date, gender, ethnicity_code, current_class_id)
     select ${uid('a100', 'g / 600')}, ${uid('a300', 'g')}, 'OPS' || lpad(g::text, 8, '0'), 'Học sinh ' || g,
            '2013-01-01', case when g % 2 = 0 then 'M' else 'F' end, '01', ${uid('a200', '(g / 600) * 15 + (g % 600) / 40')}
       from generate_series(0, $1 - 1) g`,
    [N],
  );
  // Primary: the 15 qualities and competencies, term 2 (and a term 1 for every third student).
  const aspects = [...QUALITIES.map((q) => q.code), ...COMPETENCIES.map((c) => c.code)];
  await database.execute(
    `insert into conduct_ratings (school_id, school_year_id, student_id, term_no, aspect, class_id, level)
     select s.school_id, $1, s.id, t.term_no, a.aspect, s.current_class_id,
            case when abs(hashtext(s.id::text || a.aspect || t.term_no)) % 100 < 72 then 'T'
                 when abs(hashtext(s.id::text || a.aspect || t.term_no)) % 100 < 99 then 'D' else 'CCG' end
       from students s
       join classes c on c.school_id = s.school_id and c.id = s.current_class_id and c.grade <= 5
       cross join unnest($2::text[]) as a(aspect)
       cross join (values (1::smallint), (2::smallint)) as t(term_no)
      where s.sector_id like 'OPS%' and (t.term_no = 2 or abs(hashtext(s.id::text)) % 3 = 0)`,
    [Y, aspects],
  );
  // Lower secondary: term 1, term 2 and year results.
  await database.execute(
    `insert into grade_student_results (school_id, school_year_id, student_id, period, class_id, learning, conduct, status)
     select s.school_id, $1, s.id, p.period, s.current_class_id,
            (array['T','K','K','D','D','CD'])[1 + abs(hashtext(s.id::text || p.period)) % 6],
            (array['T','T','T','K','K','D'])[1 + abs(hashtext(p.period || s.id::text)) % 6], 'complete'
       from students s
       join classes c on c.school_id = s.school_id and c.id = s.current_class_id and c.grade >= 6
       cross join (values ('term1'), ('term2'), ('year')) as p(period)
      where s.sector_id like 'OPS%'`,
    [Y],
  );
  // Grade entries: 12 subjects × 3 assessments per student (36 per student: 10.8 million at 300,000 students).
  const subjects = (
    await database.execute<{ id: string }>('select id from subjects order by code limit 12')
  ).map((r) => r.id);
  const CHUNK = 20_000;
  for (let from = 0; from < N; from += CHUNK) {
    await database.execute(
      `insert into grade_entries (school_id, school_year_id, student_id, subject_id, term_no, kind, slot_index, class_id, score)
       select ${uid('a100', 'g / 600')}, $1, ${uid('a300', 'g')}, sub.id, 1, k.kind, k.slot,
              ${uid('a200', '(g / 600) * 15 + (g % 600) / 40')}, round((4 + random() * 6)::numeric, 1)
         from generate_series($2::int, $3::int) g
         cross join unnest($4::uuid[]) as sub(id)
         cross join (values ('regular', 1), ('midterm', 0), ('endterm', 0)) as k(kind, slot)`,
      [Y, from, Math.min(N, from + CHUNK) - 1, subjects],
    );
    process.stderr.write(
      `\r  grade entries for ${Math.min(N, from + CHUNK).toLocaleString('en-US')} / ${N.toLocaleString('en-US')} students`,
    );
  }
  process.stderr.write('\n');
  // Teachers of smart classes (3 per class), two weeks of roll calls, absences.
  await database.execute(
    `insert into teaching_assignments (school_id, id, staff_id, class_id, subject_id, school_year_id)
     select c.school_id, gen_random_uuid(), ${uid('a400', '(abs(hashtext(c.id::text)) % 1000000) * 3 + k')}, c.id, sub.id, $1
       from classes c cross join generate_series(0, 2) k
       join lateral (select id from subjects order by code offset k limit 1) sub on true
      where c.name like 'L%' and c.school_year_id = $1`,
    [Y],
  );
  const day = year.end_date;
  await database.execute(
    `insert into attendance_roll_calls (school_id, id, class_id, date, period)
     select c.school_id, gen_random_uuid(), c.id, d::date, 0
       from classes c cross join generate_series($2::date - 13, $2::date, '1 day') d
      where c.name like 'L%' and c.school_year_id = $1 and extract(dow from d) <> 0`,
    [Y, day],
  );
  await database.execute(
    `insert into attendance_records (school_id, id, person_kind, person_id, class_id, date, period, status, source)
     select s.school_id, gen_random_uuid(), 'student', s.id, s.current_class_id, d::date, 0,
            case when abs(hashtext(s.id::text || d::text)) % 2 = 0 then 'excused' else 'unexcused' end, 'manual'
       from students s cross join generate_series($1::date - 13, $1::date, '1 day') d
      where s.sector_id like 'OPS%' and extract(dow from d) <> 0 and abs(hashtext(s.id::text || d::text)) % 33 = 0`,
    [day],
  );
  // The plan over every school, a target per definition; rooms, equipment and usage for the smart classes.
  const [plan] = await database.execute<{ id: string }>(
    `insert into ops_plans (unit_id, code, title, issuer, issued_on, period_start, period_end, school_year_id)
     values ($1, 'BENCH/KH', 'Kế hoạch đo hiệu năng', 'UBND', '2024-08-01', '2024-08-01', '2025-05-31', $2) returning id`,
    [dept.id, Y],
  );
  await database.execute(
    `insert into ops_plan_schools (school_id, plan_id) select id, $1 from units where path like $2 and kind = 'school'`,
    [plan.id, `${deptPath}%`],
  );
  for (const [i, code] of TARGET_DEFINITION_CODES.entries()) {
    const def = targetDefinition(code);
    await database.execute(
      `insert into ops_targets (plan_id, unit_id, code, title, kind, definition, measure, comparator, target_value, sort_order)
       values ($1, $2, $3, $4, 'computed', $5, $6, $7, $8, $9)`,
      [
        plan.id,
        dept.id,
        `T${i + 1}`,
        def.name,
        code,
        def.measure,
        code === 'students_per_computer' ? 'lte' : 'gte',
        def.measure === 'percent' ? 90 : def.measure === 'ratio' ? 5 : 1,
        i,
      ],
    );
  }
  await database.execute(
    `insert into ops_smart_rooms (school_id, id, name, class_id, plan_id, status, commissioned_on)
     select c.school_id, gen_random_uuid(), 'Phòng ' || c.name, c.id,
            case when c.name = 'L0' then $2::uuid end, case when abs(hashtext(c.id::text)) % 10 = 0 then 'equipping' else 'in_use' end,
            '2024-09-01'
       from classes c where c.name like 'L%' and c.is_smart and c.school_year_id = $1`,
    [Y, plan.id],
  );
  await database.execute(
    `insert into ops_equipment (school_id, room_id, kind, name, quantity, status)
     select r.school_id, r.id, e.kind, e.kind, e.qty,
            case when abs(hashtext(r.id::text || e.kind)) % 20 = 0 then 'broken' else 'working' end
       from ops_smart_rooms r
       cross join (values ('interactive_board', 1), ('tablet', 20), ('camera', 1), ('laptop', 1)) as e(kind, qty)
      where r.school_id in (select id from units where path like $1)`,
    [`${deptPath}%`],
  );
  await database.execute(
    `insert into ops_equipment_usage (school_id, room_id, class_id, staff_id, used_on, periods)
     select r.school_id, r.id, r.class_id, ta.staff_id, '2025-03-03', 1
       from ops_smart_rooms r join teaching_assignments ta on ta.school_id = r.school_id and ta.class_id = r.class_id
      where r.school_id in (select id from units where path like $1) and abs(hashtext(ta.staff_id::text)) % 10 <> 0`,
    [`${deptPath}%`],
  );
  for (const table of [
    'students',
    'classes',
    'grade_entries',
    'conduct_ratings',
    'grade_student_results',
    'attendance_records',
    'attendance_roll_calls',
    'teaching_assignments',
    'units',
  ])
    await database.execute(`analyze ${table}`);
  return { deptId: dept.id, deptPath, yearId: Y, day, planId: plan.id };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
async function medianMs(runs: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

/** The department's figures computed from the raw rows: every school's registry, attendance, equipment and entries. */
async function rawDashboard(database: Database, ref: Ref) {
  const p = [`${ref.deptPath}%`, ref.yearId, ref.day];
  const schools = `(select id from units where kind = 'school' and path like $1)`;
  const [students, classes, attendance, equipment, entries] = await Promise.all([
    database.execute<{ school_id: string; n: string; smart: string }>(
      `select s.school_id, count(*) as n, count(*) filter (where c.is_smart) as smart from students s
         join classes c on c.school_id = s.school_id and c.id = s.current_class_id
        where s.school_id in ${schools} and c.school_year_id = $2 and s.status = 'studying' group by s.school_id`,
      p.slice(0, 2),
    ),
    database.execute<{ school_id: string; n: string; smart: string }>(
      `select school_id, count(*) as n, count(*) filter (where is_smart) as smart from classes
        where school_id in ${schools} and school_year_id = $2 group by school_id`,
      p.slice(0, 2),
    ),
    database.execute<{ school_id: string; expected: string; absent: string }>(
      `with rolls as (select distinct school_id, class_id from attendance_roll_calls
                       where school_id in ${schools} and date = $3::date and class_id is not null),
            sizes as (select school_id, current_class_id as class_id, count(*) as n from students
                       where school_id in ${schools} and status = 'studying' group by school_id, current_class_id)
       select r.school_id, sum(z.n) as expected,
              (select count(distinct a.person_id) from attendance_records a where a.school_id = r.school_id
                 and a.date = $3::date and a.period = 0 and a.person_kind = 'student' and a.status in ('excused', 'unexcused')) as absent
         from rolls r join sizes z on z.school_id = r.school_id and z.class_id = r.class_id
        where $2::uuid is not null group by r.school_id`,
      p,
    ),
    database.execute<{ status: string; kind: string; n: string }>(
      `select status, kind, sum(quantity) as n from ops_equipment where school_id in ${schools} group by status, kind`,
      p.slice(0, 1),
    ),
    database.execute<{ n: string }>(
      `select count(*) as n from grade_entries where school_id in ${schools} and school_year_id = $2`,
      p.slice(0, 2),
    ),
  ]);
  const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    students: sum(students, (r) => Number(r.n)),
    smartStudents: sum(students, (r) => Number(r.smart)),
    classes: sum(classes, (r) => Number(r.n)),
    smartClasses: sum(classes, (r) => Number(r.smart)),
    expected: sum(attendance, (r) => Number(r.expected)),
    absent: sum(attendance, (r) => Number(r.absent)),
    equipment: sum(equipment, (r) => Number(r.n)),
    gradeEntries: Number(entries[0].n),
  };
}

/** The plan's counters computed from the raw rows (the rule of the rollup, over all the plan's schools). */
async function rawTargets(database: Database, ref: Ref) {
  const schools = sql`select school_id from ops_plan_schools where plan_id = ${ref.planId}::uuid`;
  const [row] = rowsOf<Record<string, string>>(
    await database.db.execute(sql`
      with st as (
        select s.school_id, s.id, c.grade, c.is_smart from students s
          join classes c on c.school_id = s.school_id and c.id = s.current_class_id
         where s.school_id in (${schools}) and c.school_year_id = ${ref.yearId}::uuid and s.status = 'studying'),
      ${primaryFlagsSql(schools, ref.yearId)},
      ${secondaryFlagsSql(schools, ref.yearId)},
      ${smartTeachersSql(schools, ref.yearId)}
      select count(*) filter (where st.is_smart) as "smart.students.studying",
             count(*) as "students.studying",
             count(q.student_id) filter (where st.is_smart and st.grade <= 5) as "smart.tt27.q_assessed",
             count(q.student_id) filter (where st.is_smart and st.grade <= 5 and q.q_d = 5) as "smart.tt27.q_pass",
             count(q.student_id) filter (where st.is_smart and st.grade <= 5 and q.q_t = 5) as "smart.tt27.q_good",
             count(q.student_id) filter (where st.grade <= 5 and q.q_t = 5) as "tt27.q_good",
             count(q.student_id) filter (where st.grade <= 5) as "tt27.q_assessed",
             count(c.student_id) filter (where st.is_smart and st.grade <= 5) as "smart.tt27.c_assessed",
             count(c.student_id) filter (where st.is_smart and st.grade <= 5 and c.c_d = 10) as "smart.tt27.c_pass",
             count(c.student_id) filter (where st.is_smart and st.grade <= 5 and c.c_t = 10) as "smart.tt27.c_good",
             count(cd.student_id) filter (where st.is_smart and st.grade between 6 and 9) as "smart.tt22.conduct_assessed",
             count(cd.student_id) filter (where st.is_smart and st.grade between 6 and 9 and cd.conduct in ('T','K','D')) as "smart.tt22.conduct_pass",
             count(cd.student_id) filter (where st.is_smart and st.grade between 6 and 9 and cd.conduct in ('T','K')) as "smart.tt22.conduct_good",
             count(l.student_id) filter (where st.is_smart and st.grade between 6 and 9) as "smart.tt22.learning_assessed",
             count(l.student_id) filter (where st.is_smart and st.grade between 6 and 9 and l.learning in ('T','K','D')) as "smart.tt22.learning_pass",
             count(l.student_id) filter (where st.is_smart and st.grade between 6 and 9 and l.learning in ('T','K')) as "smart.tt22.learning_good",
             count(l.student_id) filter (where st.grade between 6 and 9) as "tt22.learning_assessed",
             count(l.student_id) filter (where st.grade between 6 and 9 and l.learning in ('T','K')) as "tt22.learning_good",
             (select count(*) from classes x where x.school_id in (${schools}) and x.school_year_id = ${ref.yearId}::uuid and x.is_smart) as "classes.smart",
             (select count(*) from smart_teachers) as "smart.teachers",
             (select count(*) from smart_teachers t where exists (select 1 from ops_equipment_usage u
                 where u.school_id = t.school_id and u.staff_id = t.staff_id)) as "smart.teachers_using",
             (select count(*) from ops_smart_rooms r where r.school_id in (${schools}) and r.plan_id = ${ref.planId}::uuid
                 and r.status = 'in_use') as "rooms.in_use@plan",
             (select coalesce(sum(quantity), 0) from ops_equipment e where e.school_id in (${schools}) and e.status = 'working'
                 and e.kind in ('computer', 'laptop', 'tablet')) as "equipment.computers"
        from st
        left join tt27_q q on q.school_id = st.school_id and q.student_id = st.id
        left join tt27_c c on c.school_id = st.school_id and c.student_id = st.id
        left join tt22_conduct cd on cd.school_id = st.school_id and cd.student_id = st.id
        left join tt22_learning l on l.school_id = st.school_id and l.student_id = st.id`),
  );
  const counters = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  return TARGET_DEFINITION_CODES.map((code) => ({ code, ...targetDefinition(code).compute(counters) }));
}

export const operationsBench: Bench = {
  name: 'operations',
  description: `Operations centre: dashboard and target queries from rollups vs raw scans (${SCHOOLS} schools, ${(SCHOOLS * PER_SCHOOL).toLocaleString('en-US')} students${ON_POSTGRES ? '' : ', PGlite: scaled down'})`,
  async run(): Promise<BenchResult> {
    const { database, kind, dispose } = await freshDemoDatabase();
    try {
      const gen = await timed(() => generate(database));
      const ref = gen.value;
      const [{ n: scores }] = await database.execute<{ n: string }>(
        'select count(*) as n from grade_entries',
      );
      const now = () => new Date();
      const deps = {
        database,
        access: createAccessService(createAccessRepository(database.db)),
        audit: createAuditRepository(),
        now,
      };
      const targets = createTargetsService(deps);
      const rollups = createRollupsService({
        database,
        now,
        onRefreshed: (ids) => targets.writeSnapshots(ids),
      });
      const dashboard = createDashboardService({ ...deps, targets, rollups });
      const schoolIds = (
        await database.execute<{ id: string }>(
          "select id from units where kind = 'school' and path like $1 order by id",
          [`${ref.deptPath}%`],
        )
      ).map((r) => r.id);
      const build = await timed(() => rollups.refreshSchools(schoolIds));
      const actor: Actor = {
        userId: '00000000-0000-4000-8000-00000000b0b0',
        username: 'bench',
        fullName: 'Bench',
        locale: 'vi',
        roles: [{ role: 'dept_specialist', unitId: ref.deptId, unitName: 'Bench', unitPath: ref.deptPath }],
        staffId: null,
        guardianId: null,
        studentId: null,
        homeUnitId: ref.deptId,
        via: 'system',
      };

      // Kept current: one school's results change, its rollup is recomputed (what every write triggers).
      const changed = schoolIds[1];
      await database.execute(
        `update grade_student_results set learning = 'T' where school_id = $1 and period = 'year' and learning = 'D'`,
        [changed],
      );
      const one = await timed(() => rollups.refreshSchools([changed]));

      // Warm up, then medians.
      await dashboard.department(actor, ref.deptId);
      await targets.planDetail(actor, ref.planId);
      await rawDashboard(database, ref);
      const firstTarget = (await targets.planDetail(actor, ref.planId)).targets[0].id;
      const dashMs = await medianMs(RUNS, () => dashboard.department(actor, ref.deptId));
      const targetMs = await medianMs(RUNS, async () => {
        await targets.planDetail(actor, ref.planId);
        await targets.targetSchools(actor, ref.planId, firstTarget);
      });
      const rawTargetMs = await medianMs(Math.max(3, Math.ceil(RUNS / 2)), () => rawTargets(database, ref));
      const rawDashMs = await medianMs(Math.max(3, Math.ceil(RUNS / 2)), async () => {
        await rawDashboard(database, ref);
        await rawTargets(database, ref);
      });

      // The rollup figures equal the raw ones.
      const d = await dashboard.department(actor, ref.deptId);
      const raw = await rawDashboard(database, ref);
      const plan = await targets.planDetail(actor, ref.planId);
      const rawT = await rawTargets(database, ref);
      const mismatches: string[] = [];
      const check = (label: string, a: number | null, b: number | null) => {
        if (a === null && b === null) return;
        if (a === null || b === null || Math.abs(a - b) > 1e-9)
          mismatches.push(`${label}: rollup ${a} ≠ raw ${b}`);
      };
      check('students', d.kpis.students, raw.students);
      check('smart students', d.kpis.smartStudents, raw.smartStudents);
      check('classes', d.kpis.classes, raw.classes);
      check('smart classes', d.kpis.smartClasses, raw.smartClasses);
      check('attendance expected', d.kpis.attendance.expected, raw.expected);
      check('attendance absent', d.kpis.attendance.absent, raw.absent);
      check('equipment', d.kpis.equipment.total, raw.equipment);
      check('grade entries', d.kpis.gradeEntries, raw.gradeEntries);
      for (const t of plan.targets) {
        const r = rawT.find((x) => x.code === t.definition)!;
        check(`${t.definition} numerator`, t.numerator, r.numerator);
        check(`${t.definition} value`, t.value, r.value);
      }
      const dashRatio = rawDashMs / dashMs;
      const targetRatio = rawTargetMs / targetMs;
      const metrics: Metric[] = [
        { label: 'schools', value: SCHOOLS, unit: '' },
        { label: 'students', value: SCHOOLS * PER_SCHOOL, unit: '' },
        { label: 'grade entries (scores)', value: Number(scores), unit: '' },
        { label: 'generation', value: gen.seconds, unit: 's' },
        { label: 'rollup build, every school', value: build.seconds, unit: 's' },
        { label: 'rollup refresh of one school after a change', value: one.seconds * 1000, unit: 'ms' },
        { label: 'dashboard (department) from rollups, median', value: dashMs, unit: 'ms' },
        { label: 'dashboard figures by raw scan, median', value: rawDashMs, unit: 'ms' },
        { label: 'dashboard speed-up', value: dashRatio, unit: '×', target: '≥ 100', ok: dashRatio >= 100 },
        { label: 'targets (plan + one target by school) from rollups, median', value: targetMs, unit: 'ms' },
        { label: 'targets by raw scan, median', value: rawTargetMs, unit: 'ms' },
        { label: 'targets speed-up', value: targetRatio, unit: '×', target: '≥ 100', ok: targetRatio >= 100 },
        {
          label: 'rollup figures equal raw figures',
          value: mismatches.length,
          unit: 'mismatches',
          target: '0',
          ok: mismatches.length === 0,
        },
      ];
      return {
        name: 'operations',
        description: operationsBench.description,
        metrics,
        notes: [
          `database: ${kind}${ON_POSTGRES ? '' : ` (scaled down to ${SCHOOLS} schools; set DATABASE_URL for the 500-school run)`}`,
          `${TARGET_DEFINITION_CODES.length} targets (one per definition) over ${SCHOOLS} schools; medians of ${RUNS} runs (raw: ${Math.max(3, Math.ceil(RUNS / 2))})`,
          'raw dashboard = registry, attendance, equipment and grade-entry counts per school + the plan targets, scanned from the raw rows',
          ...mismatches.slice(0, 10),
        ],
      };
    } finally {
      await dispose();
    }
  },
};
