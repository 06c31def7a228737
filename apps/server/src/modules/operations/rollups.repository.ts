import {
  opsFeedCursors,
  opsGroupStats,
  opsPlanSchools,
  opsRollupState,
  opsSchoolStats,
  type Queryable,
  schoolYears,
  units,
} from '@smartedu/db';
import { COMPETENCIES, QUALITIES } from '@smartedu/domain';
import { and, eq, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';

/**
 * The operations rollup: per-school counters (`ops_school_stats`) recomputed one school at a time from the
 * registry, gradebook, attendance and pilot records, and their sums per group of schools (`ops_group_stats`:
 * every unit above a school, every plan it takes part in) kept current by adding each school's change.
 *
 * Dimensions: '' = the whole school; 'c:<class id>' = one class (not summed into groups); 'd:<date>' = one day
 * (attendance); otherwise an equipment kind or status, or a plan id for '…@plan' counters.
 *
 * How a student's result counts (the same rule as the drill-down in drill.repository.ts and the definitions in
 * @smartedu/domain targets): primary — the latest term in which all 5 qualities (10 competencies) are rated;
 * lower secondary — the latest period (year > term 2 > term 1) with a learning (conduct) result.
 */

export type Counter = { metric: string; dim: string; value: number };
export type SchoolYearRef = { id: string; name: string; startDate: string; endDate: string };

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export const QUALITY_CODES = QUALITIES.map((q) => q.code);
export const COMPETENCY_CODES = COMPETENCIES.map((c) => c.code);

/** Per-student primary flags: latest complete term of qualities and of competencies (Circular 27). */
export function primaryFlagsSql(schoolIn: SQL, schoolYearId: string) {
  const q = list(QUALITY_CODES);
  const c = list(COMPETENCY_CODES);
  return sql`
    tt27_terms as (
      select r.school_id, r.student_id, r.term_no,
             count(*) filter (where r.aspect in (${q})) as q_n,
             count(*) filter (where r.aspect in (${q}) and r.level = 'T') as q_t,
             count(*) filter (where r.aspect in (${q}) and r.level in ('T', 'D')) as q_d,
             string_agg(case when r.aspect in (${q}) then r.level end, ' '
                        order by array_position(array[${q}]::text[], r.aspect)) as q_levels,
             count(*) filter (where r.aspect in (${c})) as c_n,
             count(*) filter (where r.aspect in (${c}) and r.level = 'T') as c_t,
             count(*) filter (where r.aspect in (${c}) and r.level in ('T', 'D')) as c_d,
             string_agg(case when r.aspect in (${c}) then r.level end, ' '
                        order by array_position(array[${c}]::text[], r.aspect)) as c_levels
        from conduct_ratings r
       where r.school_id in (${schoolIn}) and r.school_year_id = ${schoolYearId}::uuid and r.aspect in (${q}, ${c})
       group by r.school_id, r.student_id, r.term_no),
    tt27_q as (
      select distinct on (school_id, student_id) school_id, student_id, term_no, q_t, q_d, q_levels
        from tt27_terms where q_n = ${QUALITY_CODES.length} order by school_id, student_id, term_no desc),
    tt27_c as (
      select distinct on (school_id, student_id) school_id, student_id, term_no, c_t, c_d, c_levels
        from tt27_terms where c_n = ${COMPETENCY_CODES.length} order by school_id, student_id, term_no desc)`;
}

/** Per-student lower-secondary flags: latest period with a learning / conduct result (Circular 22). */
export function secondaryFlagsSql(schoolIn: SQL, schoolYearId: string) {
  const rank = sql`case r.period when 'year' then 3 when 'term2' then 2 when 'term1' then 1 else 0 end`;
  return sql`
    tt22_learning as (
      select distinct on (r.school_id, r.student_id) r.school_id, r.student_id, r.learning, r.period
        from grade_student_results r
       where r.school_id in (${schoolIn}) and r.school_year_id = ${schoolYearId}::uuid and r.learning is not null
       order by r.school_id, r.student_id, ${rank} desc),
    tt22_conduct as (
      select distinct on (r.school_id, r.student_id) r.school_id, r.student_id, r.conduct, r.period
        from grade_student_results r
       where r.school_id in (${schoolIn}) and r.school_year_id = ${schoolYearId}::uuid and r.conduct is not null
       order by r.school_id, r.student_id, ${rank} desc)`;
}

/** Teachers of a school's smart classes (teaching assignments and homeroom) in a year. */
export function smartTeachersSql(schoolIn: SQL, schoolYearId: string) {
  return sql`
    smart_teachers as (
      select ta.school_id, ta.staff_id from teaching_assignments ta
        join classes c on c.school_id = ta.school_id and c.id = ta.class_id
       where ta.school_id in (${schoolIn}) and ta.school_year_id = ${schoolYearId}::uuid and c.is_smart
      union
      select c.school_id, c.homeroom_teacher_id from classes c
       where c.school_id in (${schoolIn}) and c.school_year_id = ${schoolYearId}::uuid and c.is_smart
         and c.homeroom_teacher_id is not null)`;
}

const PER_CLASS_METRICS = [
  ['students.studying', 'studying'],
  ['tt27.q_assessed', 'q_assessed'],
  ['tt27.q_pass', 'q_pass'],
  ['tt27.q_good', 'q_good'],
  ['tt27.c_assessed', 'c_assessed'],
  ['tt27.c_pass', 'c_pass'],
  ['tt27.c_good', 'c_good'],
  ['tt22.conduct_assessed', 'cond_assessed'],
  ['tt22.conduct_pass', 'cond_pass'],
  ['tt22.conduct_good', 'cond_good'],
  ['tt22.learning_assessed', 'learn_assessed'],
  ['tt22.learning_pass', 'learn_pass'],
  ['tt22.learning_good', 'learn_good'],
] as const;

export function createRollupsRepository(db: Queryable) {
  return {
    /** Recomputes one school's counters for one year; returns the old and new school-level counters. */
    async recomputeSchool(
      schoolId: string,
      year: SchoolYearRef,
      window: { from: string; to: string },
    ): Promise<{ before: Counter[]; after: Counter[] }> {
      const before = rowsOf<Counter>(
        await db.execute(sql`
          delete from ops_school_stats where school_id = ${schoolId}::uuid and school_year_id = ${year.id}::uuid
          returning metric, dim, value`),
      );
      const S = sql`${schoolId}::uuid`;
      const Y = sql`${year.id}::uuid`;
      const values = sql.join(
        PER_CLASS_METRICS.map(([metric, col]) => sql`(${metric}, pc.${sql.raw(col)})`),
        sql`, `,
      );
      const after: Counter[] = [];
      const insert = async (query: SQL) => {
        const rows = rowsOf<Counter>(
          await db.execute(sql`
            insert into ops_school_stats (school_id, school_year_id, metric, dim, value)
            select ${S}, ${Y}, m.metric, m.dim, m.value from (${query}) m where m.value is not null
            returning metric, dim, value`),
        );
        after.push(...rows);
      };

      // Students and their results, per class, then summed per school and over the smart classes.
      await insert(sql`
        with cls as (
          select c.id, c.grade, c.is_smart from classes c where c.school_id = ${S} and c.school_year_id = ${Y}),
        st as (
          select s.id, s.current_class_id as class_id from students s
            join cls on cls.id = s.current_class_id
           where s.school_id = ${S} and s.status = 'studying'),
        ${primaryFlagsSql(S, year.id)},
        ${secondaryFlagsSql(S, year.id)},
        pc as (
          select cls.id, cls.is_smart,
                 count(st.id)::float8 as studying,
                 count(q.student_id) filter (where cls.grade <= 5)::float8 as q_assessed,
                 count(q.student_id) filter (where cls.grade <= 5 and q.q_d = ${QUALITY_CODES.length})::float8 as q_pass,
                 count(q.student_id) filter (where cls.grade <= 5 and q.q_t = ${QUALITY_CODES.length})::float8 as q_good,
                 count(c.student_id) filter (where cls.grade <= 5)::float8 as c_assessed,
                 count(c.student_id) filter (where cls.grade <= 5 and c.c_d = ${COMPETENCY_CODES.length})::float8 as c_pass,
                 count(c.student_id) filter (where cls.grade <= 5 and c.c_t = ${COMPETENCY_CODES.length})::float8 as c_good,
                 count(cd.student_id) filter (where cls.grade between 6 and 9)::float8 as cond_assessed,
                 count(cd.student_id) filter (where cls.grade between 6 and 9 and cd.conduct in ('T', 'K', 'D'))::float8 as cond_pass,
                 count(cd.student_id) filter (where cls.grade between 6 and 9 and cd.conduct in ('T', 'K'))::float8 as cond_good,
                 count(l.student_id) filter (where cls.grade between 6 and 9)::float8 as learn_assessed,
                 count(l.student_id) filter (where cls.grade between 6 and 9 and l.learning in ('T', 'K', 'D'))::float8 as learn_pass,
                 count(l.student_id) filter (where cls.grade between 6 and 9 and l.learning in ('T', 'K'))::float8 as learn_good
            from cls
            left join st on st.class_id = cls.id
            left join tt27_q q on q.student_id = st.id
            left join tt27_c c on c.student_id = st.id
            left join tt22_conduct cd on cd.student_id = st.id
            left join tt22_learning l on l.student_id = st.id
           group by cls.id, cls.is_smart),
        v as (select pc.id, pc.is_smart, x.metric, x.value from pc cross join lateral (values ${values}) as x(metric, value))
        select metric, 'c:' || id::text as dim, value from v
        union all select metric, '', sum(value) from v group by metric
        union all select 'smart.' || metric, '', sum(value) from v where is_smart group by metric
        union all select 'classes.total', '', count(*)::float8 from cls
        union all select 'classes.smart', '', (count(*) filter (where is_smart))::float8 from cls`);

      // Teachers of smart classes, and those who logged equipment use this school year.
      await insert(sql`
        with ${smartTeachersSql(S, year.id)},
        used as (
          select distinct u.staff_id from ops_equipment_usage u
           where u.school_id = ${S} and u.staff_id is not null
             and u.used_on between ${year.startDate}::date and ${year.endDate}::date)
        select 'smart.teachers' as metric, '' as dim, count(*)::float8 as value from smart_teachers
        union all
        select 'smart.teachers_using', '', count(*)::float8 from smart_teachers t where t.staff_id in (select staff_id from used)`);

      // Smart rooms and equipment (the current state, counted under the year being refreshed).
      await insert(sql`
        select 'rooms.total' as metric, '' as dim, count(*)::float8 as value from ops_smart_rooms where school_id = ${S}
        union all
        select 'rooms.in_use', '', count(*)::float8 from ops_smart_rooms where school_id = ${S} and status = 'in_use'
        union all
        select 'rooms.in_use@plan', plan_id::text, count(*)::float8 from ops_smart_rooms
         where school_id = ${S} and status = 'in_use' and plan_id is not null group by plan_id
        union all
        select 'equipment.status', status, sum(quantity)::float8 from ops_equipment where school_id = ${S} group by status
        union all
        select 'equipment.kind', kind, sum(quantity)::float8 from ops_equipment
         where school_id = ${S} and status <> 'retired' group by kind
        union all
        select 'equipment.kind_working', kind, sum(quantity)::float8 from ops_equipment
         where school_id = ${S} and status = 'working' group by kind
        union all
        select 'equipment.computers', '', coalesce(sum(quantity), 0)::float8 from ops_equipment
         where school_id = ${S} and status = 'working' and kind in ('computer', 'laptop', 'tablet')
        union all
        select 'usage.sessions', '', count(*)::float8 from ops_equipment_usage
         where school_id = ${S} and used_on between ${year.startDate}::date and ${year.endDate}::date`);

      // Gradebook activity: entries (đầu điểm) recorded this year.
      await insert(sql`
        select 'grades.entries' as metric, '' as dim, count(*)::float8 as value from grade_entries
         where school_id = ${S} and school_year_id = ${Y}`);

      // Exams (kỳ thi) this school takes part in that have not closed a day ago: one row per exam, the window in
      // the dimension ('<exam id>|<opens>|<closes>'), so that "in progress" is decided when the rollup is read.
      await insert(sql`
        select 'exams.window' as metric,
               e.id::text || '|' || to_char(e.opens_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                 || '|' || to_char(e.closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as dim,
               1::float8 as value
          from exams e
         where e.status <> 'cancelled' and e.closes_at >= now() - interval '1 day'
           and exists (
             select 1 from exam_targets t
              where t.exam_id = e.id
                and ((t.kind = 'class' and t.unit_id = ${S})
                  or (t.kind = 'unit' and t.unit_id::text = any(
                        string_to_array(trim(both '/' from (select path from units where id = ${S})), '/')))))`);

      // Attendance over the recent days: classes whose roll was taken, their students, absences.
      await insert(sql`
        with rolls as (
          select distinct r.date, r.class_id from attendance_roll_calls r
           where r.school_id = ${S} and r.class_id is not null
             and r.date between ${window.from}::date and ${window.to}::date),
        sizes as (
          select s.current_class_id as class_id, count(*) as n from students s
           where s.school_id = ${S} and s.status = 'studying' group by s.current_class_id),
        absent as (
          select a.date, count(distinct a.person_id) as n from attendance_records a
           where a.school_id = ${S} and a.person_kind = 'student' and a.period = 0
             and a.status in ('excused', 'unexcused')
             and a.date between ${window.from}::date and ${window.to}::date
           group by a.date)
        select 'att.classes' as metric, 'd:' || to_char(date, 'YYYY-MM-DD') as dim, count(*)::float8 as value
          from rolls group by date
        union all
        select 'att.expected', 'd:' || to_char(r.date, 'YYYY-MM-DD'), coalesce(sum(z.n), 0)::float8
          from rolls r left join sizes z on z.class_id = r.class_id group by r.date
        union all
        select 'att.absent', 'd:' || to_char(date, 'YYYY-MM-DD'), n::float8 from absent`);

      // Per school only (not summed into groups): the mean attendance rate of the days before the last one,
      // what an attendance drop on the last day is measured against.
      const rates = after
        .filter((m) => m.metric === 'att.expected' && m.dim !== `d:${window.to}` && Number(m.value) > 0)
        .map((m) => {
          const absent = after.find((a) => a.metric === 'att.absent' && a.dim === m.dim);
          return 100 * (1 - Number(absent?.value ?? 0) / Number(m.value));
        });
      if (rates.length) {
        const row = {
          metric: 'school.att_prev_rate',
          dim: `d:${window.to}`,
          value: rates.reduce((a, b) => a + b, 0) / rates.length,
        };
        await db.insert(opsSchoolStats).values({ schoolId, schoolYearId: year.id, ...row });
        after.push(row);
      }
      return { before, after };
    },

    /** Adds (after − before) of one school to each of its groups; per-class rows are not summed. */
    async applyGroupDelta(
      groupIds: string[],
      schoolYearId: string,
      beforeAll: Counter[],
      afterAll: Counter[],
    ) {
      if (groupIds.length === 0) return;
      const delta = new Map<string, Counter>();
      const key = (c: Counter) => `${c.metric}\u0000${c.dim}`;
      const summed = (c: Counter) => !c.dim.startsWith('c:') && !c.metric.startsWith('school.');
      const before = beforeAll.filter(summed);
      const after = afterAll.filter(summed);
      for (const c of after) {
        delta.set(key(c), { ...c, value: Number(c.value) });
      }
      for (const c of before) {
        const d = delta.get(key(c)) ?? { metric: c.metric, dim: c.dim, value: 0 };
        d.value -= Number(c.value);
        delta.set(key(c), d);
      }
      // Schools with data: '<metric>#schools' counts the schools whose value is above 0.
      const was = new Map(before.map((c) => [key(c), Number(c.value) > 0]));
      const now = new Map(after.map((c) => [key(c), Number(c.value) > 0]));
      for (const k of new Set([...was.keys(), ...now.keys()])) {
        const change = (now.get(k) ? 1 : 0) - (was.get(k) ? 1 : 0);
        if (change === 0) continue;
        const [metric, dim] = k.split('\u0000');
        delta.set(`${metric}#schools\u0000${dim}`, { metric: `${metric}#schools`, dim, value: change });
      }
      const changes = [...delta.values()].filter((d) => d.value !== 0);
      if (changes.length === 0) return;
      // One lock order for every writer (group, metric, dim): concurrent refreshes cannot deadlock.
      const rows = [...groupIds]
        .sort()
        .flatMap((groupId) =>
          changes.map((c) => ({ groupId, schoolYearId, metric: c.metric, dim: c.dim, value: c.value })),
        )
        .sort((a, b) =>
          a.groupId === b.groupId
            ? a.metric === b.metric
              ? a.dim.localeCompare(b.dim)
              : a.metric.localeCompare(b.metric)
            : a.groupId.localeCompare(b.groupId),
        );
      for (let i = 0; i < rows.length; i += 1000) {
        await db
          .insert(opsGroupStats)
          .values(rows.slice(i, i + 1000))
          .onConflictDoUpdate({
            target: [
              opsGroupStats.groupId,
              opsGroupStats.schoolYearId,
              opsGroupStats.metric,
              opsGroupStats.dim,
            ],
            set: { value: sql`${opsGroupStats.value} + excluded.value` },
          });
      }
    },

    /** Recomputes a group's sums from its schools' counters (a plan's schools changed; nightly repair). */
    async rebuildGroup(groupId: string, schoolIds: string[]) {
      await db.delete(opsGroupStats).where(eq(opsGroupStats.groupId, groupId));
      if (schoolIds.length === 0) return;
      await db.execute(sql`
        insert into ops_group_stats (group_id, school_year_id, metric, dim, value)
        select ${groupId}::uuid, school_year_id, metric, dim, sum(value) from ops_school_stats
         where school_id in (${list(schoolIds)}) and dim not like 'c:%' and metric not like 'school.%'
         group by school_year_id, metric, dim
        union all
        select ${groupId}::uuid, school_year_id, metric || '#schools', dim, count(*) from ops_school_stats
         where school_id in (${list(schoolIds)}) and dim not like 'c:%' and metric not like 'school.%' and value > 0
         group by school_year_id, metric, dim`);
    },

    /** Serialises refreshes of one school (a row lock on PostgreSQL) and returns its state row. */
    async lockSchool(schoolId: string) {
      await db.insert(opsRollupState).values({ schoolId }).onConflictDoNothing();
      const rows = rowsOf<{ dirty_since: Date | string | null }>(
        await db.execute(
          sql`select dirty_since from ops_rollup_state where school_id = ${schoolId}::uuid for update`,
        ),
      );
      return rows[0] ?? null;
    },

    async markRefreshed(schoolId: string, startedAt: Date, ms: number) {
      await db
        .update(opsRollupState)
        .set({
          refreshedAt: new Date(),
          refreshMs: Math.round(ms),
          // A change marked while this refresh ran stays pending for the next one.
          dirtySince: sql`case when ${opsRollupState.dirtySince} <= ${startedAt.toISOString()}::timestamptz then null else ${opsRollupState.dirtySince} end`,
        })
        .where(eq(opsRollupState.schoolId, schoolId));
    },

    async markDirty(schoolIds: string[]) {
      if (schoolIds.length === 0) return;
      const now = new Date();
      await db
        .insert(opsRollupState)
        .values([...new Set(schoolIds)].map((schoolId) => ({ schoolId, dirtySince: now })))
        .onConflictDoUpdate({
          target: opsRollupState.schoolId,
          set: { dirtySince: sql`coalesce(${opsRollupState.dirtySince}, excluded.dirty_since)` },
        });
    },

    /** Schools waiting for a refresh: marked dirty, or not refreshed since `staleBefore`. */
    async dueSchools(staleBefore: Date, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: units.id })
        .from(units)
        .leftJoin(opsRollupState, eq(opsRollupState.schoolId, units.id))
        .where(
          and(
            eq(units.kind, 'school'),
            eq(units.active, true),
            or(
              isNotNull(opsRollupState.dirtySince),
              sql`${opsRollupState.refreshedAt} is null`,
              lt(opsRollupState.refreshedAt, staleBefore),
            ),
          ),
        )
        .orderBy(units.id)
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** Schools with an audited write since the cursor (every module audits its writes): a change feed. */
    async changedSchoolsSince(
      cursorName: string,
      overlapMs: number,
    ): Promise<{ schoolIds: string[]; position: Date }> {
      const [cursor] = await db.select().from(opsFeedCursors).where(eq(opsFeedCursors.name, cursorName));
      const now = new Date();
      if (!cursor) {
        await db.insert(opsFeedCursors).values({ name: cursorName, position: now }).onConflictDoNothing();
        return { schoolIds: [], position: now };
      }
      // Overlap: a transaction that started before the cursor may commit after it was read.
      const since = new Date(cursor.position.getTime() - overlapMs);
      // A write audited on a department (an exam for every school of a Phòng) concerns every school under it.
      // This module's own writes refresh their school themselves.
      const rows = rowsOf<{ school_id: string }>(
        await db.execute(sql`
          select distinct s.id as school_id from audit_log a
            join units u on u.id = a.school_id
            join units s on s.kind = 'school' and s.path like u.path || '%'
           where a.at > ${since.toISOString()}::timestamptz
             and a.entity not in ('session', 'user', 'api_token') and left(a.entity, 4) <> 'ops_'`),
      );
      await db.update(opsFeedCursors).set({ position: now }).where(eq(opsFeedCursors.name, cursorName));
      return { schoolIds: rows.map((r) => r.school_id), position: now };
    },

    /** The units above a school (Phòng, Sở) and the plans it takes part in: its groups. */
    async groupsOf(schoolId: string): Promise<string[]> {
      const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, schoolId));
      const ancestors = (unit?.path ?? '').split('/').filter((id) => id && id !== schoolId);
      const plans = await db
        .select({ planId: opsPlanSchools.planId })
        .from(opsPlanSchools)
        .where(eq(opsPlanSchools.schoolId, schoolId));
      return [...ancestors, ...plans.map((p) => p.planId)];
    },

    async schoolYearsToRefresh(): Promise<SchoolYearRef[]> {
      const rows = rowsOf<{ id: string; name: string; start_date: string | Date; end_date: string | Date }>(
        await db.execute(sql`
          select y.id, y.name, y.start_date, y.end_date from school_years y
           where y.is_current
              or y.id in (select school_year_id from ops_plans where status = 'active' and school_year_id is not null)
           order by y.start_date`),
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        startDate: isoDate(r.start_date),
        endDate: isoDate(r.end_date),
      }));
    },

    async currentSchoolYear(): Promise<SchoolYearRef | null> {
      const [row] = await db.select().from(schoolYears).where(eq(schoolYears.isCurrent, true));
      return row ? { id: row.id, name: row.name, startDate: row.startDate, endDate: row.endDate } : null;
    },

    // ---- reads (dashboards and targets read only these two tables)

    async groupCounters(groupId: string, schoolYearId: string, metrics?: string[]): Promise<Counter[]> {
      const conds = [eq(opsGroupStats.groupId, groupId), eq(opsGroupStats.schoolYearId, schoolYearId)];
      if (metrics) conds.push(inArray(opsGroupStats.metric, metrics));
      return db
        .select({ metric: opsGroupStats.metric, dim: opsGroupStats.dim, value: opsGroupStats.value })
        .from(opsGroupStats)
        .where(and(...conds));
    },

    async schoolCounters(
      schoolIds: string[],
      schoolYearId: string,
      metrics: string[],
      dims?: string[],
    ): Promise<(Counter & { schoolId: string })[]> {
      if (schoolIds.length === 0 || metrics.length === 0) return [];
      const conds = [
        inArray(opsSchoolStats.schoolId, schoolIds),
        eq(opsSchoolStats.schoolYearId, schoolYearId),
        inArray(opsSchoolStats.metric, metrics),
      ];
      if (dims) conds.push(inArray(opsSchoolStats.dim, dims));
      return db
        .select({
          schoolId: opsSchoolStats.schoolId,
          metric: opsSchoolStats.metric,
          dim: opsSchoolStats.dim,
          value: opsSchoolStats.value,
        })
        .from(opsSchoolStats)
        .where(and(...conds));
    },

    /** Per-class counters of one school ('c:' dims). */
    async classCounters(schoolId: string, schoolYearId: string, metrics: string[]) {
      return db
        .select({ metric: opsSchoolStats.metric, dim: opsSchoolStats.dim, value: opsSchoolStats.value })
        .from(opsSchoolStats)
        .where(
          and(
            eq(opsSchoolStats.schoolId, schoolId),
            eq(opsSchoolStats.schoolYearId, schoolYearId),
            inArray(opsSchoolStats.metric, metrics),
            sql`${opsSchoolStats.dim} like 'c:%'`,
          ),
        );
    },

    /** The dashboard's per-school figures, pivoted by the database: one row per school. */
    async schoolCards(schoolIds: string[], schoolYearId: string, today: string) {
      if (schoolIds.length === 0) return [];
      const d = `d:${today}`;
      return rowsOf<{
        school_id: string;
        students: number | null;
        classes: number | null;
        smart_classes: number | null;
        att_expected: number | null;
        att_absent: number | null;
        att_classes: number | null;
        att_prev_rate: number | null;
        broken: number | null;
      }>(
        await db.execute(sql`
          select school_id,
                 max(value) filter (where metric = 'students.studying' and dim = '') as students,
                 max(value) filter (where metric = 'classes.total' and dim = '') as classes,
                 max(value) filter (where metric = 'classes.smart' and dim = '') as smart_classes,
                 max(value) filter (where metric = 'att.expected' and dim = ${d}) as att_expected,
                 max(value) filter (where metric = 'att.absent' and dim = ${d}) as att_absent,
                 max(value) filter (where metric = 'att.classes' and dim = ${d}) as att_classes,
                 max(value) filter (where metric = 'school.att_prev_rate' and dim = ${d}) as att_prev_rate,
                 sum(value) filter (where metric = 'equipment.status' and dim in ('broken', 'repairing')) as broken
            from ops_school_stats
           where school_id in (${sql.join(
             schoolIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
             and school_year_id = ${schoolYearId}::uuid
             and (metric, dim) in (('students.studying', ''), ('classes.total', ''), ('classes.smart', ''),
                                   ('att.expected', ${d}), ('att.absent', ${d}), ('att.classes', ${d}),
                                   ('school.att_prev_rate', ${d}), ('equipment.status', 'broken'),
                                   ('equipment.status', 'repairing'))
           group by school_id`),
      );
    },

    async refreshState(schoolIds: string[]) {
      if (schoolIds.length === 0) return [];
      return db.select().from(opsRollupState).where(inArray(opsRollupState.schoolId, schoolIds));
    },

    /** Oldest refresh time among the schools (what a total is "as of"). */
    async oldestRefresh(schoolIds: string[]): Promise<Date | null> {
      if (schoolIds.length === 0) return null;
      const rows = rowsOf<{ at: Date | string | null; missing: number | string }>(
        await db.execute(sql`
          select min(refreshed_at) as at, count(*) filter (where refreshed_at is null) as missing
            from ops_rollup_state where school_id in (${list(schoolIds)})`),
      );
      const at = rows[0]?.at;
      return at ? new Date(at) : null;
    },
  };
}
export type RollupsRepository = ReturnType<typeof createRollupsRepository>;

export const isoDate = (d: string | Date) =>
  typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
