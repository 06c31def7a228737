import type { Queryable } from '@smartedu/db';
import { containsPattern } from '@smartedu/db';
import type { TargetDefinitionCode } from '@smartedu/domain';
import { type SQL, sql } from 'drizzle-orm';
import { primaryFlagsSql, secondaryFlagsSql, smartTeachersSql } from './rollups.repository';

export type DrillOutcome = 'met' | 'not_met' | 'not_assessed';
export type DrillFilter = {
  schoolIds: string[];
  schoolYearId: string;
  planId: string;
  schoolId?: string;
  classId?: string;
  outcome?: DrillOutcome;
  q?: string;
  limit: number;
  offset: number;
};
export type DrillRow = {
  id: string;
  kind: 'student' | 'class' | 'room' | 'teacher';
  schoolId: string;
  schoolName: string;
  classId: string | null;
  className: string | null;
  name: string;
  outcome: DrillOutcome;
  detail: string;
};

type RawRow = {
  id: string;
  school_id: string;
  school_name: string;
  class_id: string | null;
  class_name: string | null;
  name: string;
  outcome: DrillOutcome;
  detail: string | null;
  total: number | string;
};

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Per definition: who is counted, and what makes one "met" (the rollup's rule, written per student). */
const STUDENT_RULES: Partial<
  Record<TargetDefinitionCode, { level: 'TH' | 'THCS'; smart: boolean; met: SQL; assessed: SQL; detail: SQL }>
> = {
  primary_smart_qualities_pass: primary(true, 'q', sql`q.q_d = 5`),
  primary_smart_qualities_good: primary(true, 'q', sql`q.q_t = 5`),
  primary_smart_competencies_pass: primary(true, 'c', sql`c.c_d = 10`),
  primary_smart_competencies_good: primary(true, 'c', sql`c.c_t = 10`),
  primary_qualities_good: primary(false, 'q', sql`q.q_t = 5`),
  lower_secondary_smart_conduct_pass: secondary(true, 'conduct', ['T', 'K', 'D']),
  lower_secondary_smart_conduct_good: secondary(true, 'conduct', ['T', 'K']),
  lower_secondary_smart_learning_pass: secondary(true, 'learning', ['T', 'K', 'D']),
  lower_secondary_smart_learning_good: secondary(true, 'learning', ['T', 'K']),
  lower_secondary_learning_good: secondary(false, 'learning', ['T', 'K']),
};

function primary(smart: boolean, which: 'q' | 'c', met: SQL) {
  const label = which === 'q' ? 'Phẩm chất' : 'Năng lực';
  const levels = which === 'q' ? sql`q.q_levels` : sql`c.c_levels`;
  const term = which === 'q' ? sql`q.term_no` : sql`c.term_no`;
  return {
    level: 'TH' as const,
    smart,
    met,
    assessed: which === 'q' ? sql`q.student_id is not null` : sql`c.student_id is not null`,
    detail: sql`${label}::text || ' (HK ' || case ${term} when 1 then 'I' else 'II' end || '): ' || replace(${levels}, 'D', 'Đ')`,
  };
}

function secondary(smart: boolean, which: 'conduct' | 'learning', metLevels: string[]) {
  const col = which === 'conduct' ? sql`cd.conduct` : sql`l.learning`;
  const period = which === 'conduct' ? sql`cd.period` : sql`l.period`;
  const label = which === 'conduct' ? 'Rèn luyện' : 'Học tập';
  return {
    level: 'THCS' as const,
    smart,
    met: sql`${col} in (${sql.join(
      metLevels.map((l) => sql`${l}`),
      sql`, `,
    )})`,
    assessed: sql`${col} is not null`,
    detail: sql`${label}::text || ': ' || case ${col} when 'T' then 'Tốt' when 'K' then 'Khá' when 'D' then 'Đạt' else 'Chưa đạt' end
      || ' (' || case ${period} when 'year' then 'cả năm' when 'term2' then 'HK II' else 'HK I' end || ')'`,
  };
}

/** The records behind a target's number: students, classes, rooms or teachers, one page at a time. */
export function createDrillRepository(db: Queryable) {
  const page = async (
    kind: DrillRow['kind'],
    query: SQL,
    f: DrillFilter,
  ): Promise<{ total: number; items: DrillRow[] }> => {
    const outcome = f.outcome ? sql`where r.outcome = ${f.outcome}` : sql``;
    const rows = rowsOf<RawRow>(
      await db.execute(sql`
        with r as (${query})
        select r.*, count(*) over () as total from r ${outcome}
         order by r.school_name, r.class_name nulls first, r.name, r.id
         limit ${f.limit} offset ${f.offset}`),
    );
    return {
      total: rows.length ? Number(rows[0].total) : await countOnly(query, f),
      items: rows.map((r) => toRow(kind, r)),
    };
  };
  const countOnly = async (query: SQL, f: DrillFilter) => {
    if (f.offset === 0) return 0;
    const outcome = f.outcome ? sql`where r.outcome = ${f.outcome}` : sql``;
    const [row] = rowsOf<{ n: number | string }>(
      await db.execute(sql`with r as (${query}) select count(*) as n from r ${outcome}`),
    );
    return Number(row?.n ?? 0);
  };
  const toRow = (kind: DrillRow['kind'], r: RawRow): DrillRow => ({
    id: r.id,
    kind,
    schoolId: r.school_id,
    schoolName: r.school_name,
    classId: r.class_id,
    className: r.class_name,
    name: r.name,
    outcome: r.outcome,
    detail: r.detail ?? '',
  });

  const schoolsOf = (f: DrillFilter) =>
    uuidList(f.schoolId ? f.schoolIds.filter((id) => id === f.schoolId) : f.schoolIds);
  const nameFilter = (col: SQL, f: DrillFilter) =>
    f.q ? sql` and ${col} ilike ${containsPattern(f.q)}` : sql``;

  return {
    hasStudentRule: (code: TargetDefinitionCode) => Boolean(STUDENT_RULES[code]),

    async records(code: TargetDefinitionCode, f: DrillFilter) {
      const schools = schoolsOf(f);
      if (f.schoolIds.length === 0 || (f.schoolId && !f.schoolIds.includes(f.schoolId)))
        return { total: 0, items: [] };
      const classFilter = f.classId ? sql` and c.id = ${f.classId}::uuid` : sql``;
      const rule = STUDENT_RULES[code];
      if (rule) {
        const grades = rule.level === 'TH' ? sql`c.grade between 1 and 5` : sql`c.grade between 6 and 9`;
        const flags =
          rule.level === 'TH'
            ? primaryFlagsSql(schools, f.schoolYearId)
            : secondaryFlagsSql(schools, f.schoolYearId);
        const joins =
          rule.level === 'TH'
            ? sql`left join tt27_q q on q.school_id = st.school_id and q.student_id = st.id
                  left join tt27_c c on c.school_id = st.school_id and c.student_id = st.id`
            : sql`left join tt22_conduct cd on cd.school_id = st.school_id and cd.student_id = st.id
                  left join tt22_learning l on l.school_id = st.school_id and l.student_id = st.id`;
        return page(
          'student',
          sql`
            with st as (
              select s.school_id, s.id, s.full_name, c.id as class_id, c.name as class_name, u.name as school_name
                from students s
                join classes c on c.school_id = s.school_id and c.id = s.current_class_id
                join units u on u.id = s.school_id
               where s.school_id in (${schools}) and c.school_year_id = ${f.schoolYearId}::uuid
                 and s.status = 'studying' and ${grades} ${rule.smart ? sql`and c.is_smart` : sql``}
                 ${classFilter} ${nameFilter(sql`s.full_name`, f)}),
            ${flags}
            select st.id, st.school_id, st.school_name, st.class_id, st.class_name, st.full_name as name,
                   case when not (${rule.assessed}) then 'not_assessed' when ${rule.met} then 'met' else 'not_met' end as outcome,
                   case when ${rule.assessed} then ${rule.detail} else 'Chưa được đánh giá' end as detail
              from st ${joins}`,
          f,
        );
      }
      switch (code) {
        case 'smart_class_count':
          return page(
            'class',
            sql`
              select c.id, c.school_id, u.name as school_name, c.id as class_id, c.name as class_name, c.name,
                     'met' as outcome,
                     (select count(*) from students s where s.school_id = c.school_id and s.current_class_id = c.id
                         and s.status = 'studying')::text || ' HS' as detail
                from classes c join units u on u.id = c.school_id
               where c.school_id in (${schools}) and c.school_year_id = ${f.schoolYearId}::uuid and c.is_smart
                 ${classFilter} ${nameFilter(sql`c.name`, f)}`,
            f,
          );
        case 'smart_class_students':
        case 'students_per_computer':
          return page(
            'student',
            sql`
              select s.id, s.school_id, u.name as school_name, c.id as class_id, c.name as class_name, s.full_name as name,
                     'met' as outcome, 'Đang học' as detail
                from students s
                join classes c on c.school_id = s.school_id and c.id = s.current_class_id
                join units u on u.id = s.school_id
               where s.school_id in (${schools}) and c.school_year_id = ${f.schoolYearId}::uuid and s.status = 'studying'
                 ${code === 'smart_class_students' ? sql`and c.is_smart` : sql``}
                 ${classFilter} ${nameFilter(sql`s.full_name`, f)}`,
            f,
          );
        case 'smart_rooms_in_use':
          return page(
            'room',
            sql`
              select r.id, r.school_id, u.name as school_name, r.class_id, c.name as class_name, r.name,
                     case when r.status = 'in_use' then 'met' else 'not_met' end as outcome,
                     case r.status when 'in_use' then 'Đang sử dụng' when 'equipping' then 'Đang lắp đặt'
                       when 'maintenance' then 'Đang bảo trì' else 'Chưa đầu tư' end
                       || coalesce(' từ ' || to_char(r.commissioned_on, 'DD/MM/YYYY'), '') as detail
                from ops_smart_rooms r
                join units u on u.id = r.school_id
                left join classes c on c.school_id = r.school_id and c.id = r.class_id
               where r.school_id in (${schools}) and r.plan_id = ${f.planId}::uuid
                 ${f.classId ? sql`and r.class_id = ${f.classId}::uuid` : sql``} ${nameFilter(sql`r.name`, f)}`,
            f,
          );
        case 'smart_teachers_using_equipment':
          return page(
            'teacher',
            sql`
              with ${smartTeachersSql(schools, f.schoolYearId)},
              used as (
                select u.school_id, u.staff_id, count(*) as n, max(u.used_on) as last from ops_equipment_usage u
                  join school_years y on y.id = ${f.schoolYearId}::uuid
                 where u.school_id in (${schools}) and u.used_on between y.start_date and y.end_date
                 group by u.school_id, u.staff_id)
              select t.staff_id as id, t.school_id, un.name as school_name, null::uuid as class_id, null as class_name,
                     s.full_name as name,
                     case when used.staff_id is null then 'not_met' else 'met' end as outcome,
                     case when used.staff_id is null then 'Chưa ghi nhật ký sử dụng'
                       else used.n::text || ' lượt sử dụng, gần nhất ' || to_char(used.last, 'DD/MM/YYYY') end as detail
                from (select distinct school_id, staff_id from smart_teachers) t
                join staff s on s.school_id = t.school_id and s.id = t.staff_id
                join units un on un.id = t.school_id
                left join used on used.school_id = t.school_id and used.staff_id = t.staff_id
               where true ${nameFilter(sql`s.full_name`, f)}`,
            f,
          );
        default:
          return { total: 0, items: [] };
      }
    },
  };
}
export type DrillRepository = ReturnType<typeof createDrillRepository>;
