import type { ImportRowError } from '@smartedu/contracts';
import {
  classes,
  containsPattern,
  enrolments,
  ethnicities,
  guardians,
  importJobs,
  type Queryable,
  schoolYears,
  staff,
  studentGuardians,
  students,
  subjects,
  units,
} from '@smartedu/db';
import { and, asc, count, desc, eq, getTableName, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type Scope, scopeCondition } from '../access';
import { buildEthnicityMap, classKey, type Lookups, staffKey } from './import-spec';
import { normalizeKey } from './sheet-parse';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type StudentRow = typeof students.$inferSelect;
export type GuardianRow = typeof guardians.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type ClassRow = typeof classes.$inferSelect;
export type GuardianLink = typeof studentGuardians.$inferSelect;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** `column = any(<values>)` with the values as one JSON parameter (cheaper than a thousand parameters). */
const inJsonArray = (column: PgColumn, values: readonly string[]) =>
  sql`${column} = any(array(select json_array_elements_text(${JSON.stringify(values)}::json)))`;

type ColumnMap = Record<string, PgColumn>;

/** JSON array of objects keyed by SQL column names, for json_to_recordset. */
function recordsetJson<C extends ColumnMap>(cols: C, rows: readonly { [K in keyof C]: unknown }[]): string {
  const entries = Object.entries(cols);
  return JSON.stringify(rows.map((r) => Object.fromEntries(entries.map(([k, c]) => [c.name, r[k] ?? null]))));
}
const recordsetColumns = (cols: ColumnMap) =>
  sql.raw(
    Object.values(cols)
      .map((c) => `${quote(c.name)} ${c.getSQLType()}`)
      .join(', '),
  );

/**
 * Multi-row upsert of school-owned rows through one JSON parameter: inserts new rows, updates existing ones
 * only where some column differs (so an identical row is not touched), and says which rows were inserted.
 */
async function upsertRecordset<C extends ColumnMap>(
  db: Queryable,
  table: PgTable,
  schoolId: string,
  cols: C,
  conflict: readonly PgColumn[],
  key: PgColumn,
  rows: readonly { [K in keyof C]: unknown }[],
): Promise<{ id: string; key: string; inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const t = quote(getTableName(table));
  const names = Object.values(cols).map((c) => quote(c.name));
  const conflictNames = new Set(conflict.map((c) => quote(c.name)));
  const updatable = names.filter((n) => !conflictNames.has(n));
  const result = await db.execute(sql`
    insert into ${table} ("school_id", ${sql.raw(names.join(', '))})
    select ${schoolId}::uuid, ${sql.raw(names.map((n) => `x.${n}`).join(', '))}
    from json_to_recordset(${recordsetJson(cols, rows)}::json) as x(${recordsetColumns(cols)})
    on conflict ("school_id", ${sql.raw([...conflictNames].join(', '))}) do update
    set ${sql.raw(updatable.map((n) => `${n} = excluded.${n}`).join(', '))}, "updated_at" = now()
    where (${sql.raw(updatable.map((n) => `${t}.${n}`).join(', '))})
      is distinct from (${sql.raw(updatable.map((n) => `excluded.${n}`).join(', '))})
    returning "id"::text as "id", ${sql.raw(quote(key.name))}::text as "key", (xmax = 0) as "inserted"`);
  return rowsOf(result);
}

/** A validated student row as an import batch carries it (the class resolved in the current year). */
export type StudentBatchRow = {
  sectorId: string;
  citizenId: string | null;
  fullName: string;
  birthDate: string;
  gender: string;
  ethnicityCode: string;
  disability: string | null;
  poverty: string;
  orphan: string;
  address: string | null;
  classId: string | null;
  schoolYearId: string | null;
  className: string | null;
};

// Columns written by imports (besides school_id), in a fixed order.
const GUARDIAN_COLUMNS = {
  phone: guardians.phone,
  fullName: guardians.fullName,
  email: guardians.email,
  citizenId: guardians.citizenId,
  occupation: guardians.occupation,
  address: guardians.address,
};
export type GuardianWrite = { [K in keyof typeof GUARDIAN_COLUMNS]: unknown };

const STAFF_COLUMNS = {
  staffCode: staff.staffCode,
  citizenId: staff.citizenId,
  fullName: staff.fullName,
  birthDate: staff.birthDate,
  gender: staff.gender,
  ethnicityCode: staff.ethnicityCode,
  category: staff.category,
  position: staff.position,
  qualification: staff.qualification,
  mainSubjectCode: staff.mainSubjectCode,
  phone: staff.phone,
  email: staff.email,
  status: staff.status,
};
export type StaffWrite = { [K in keyof typeof STAFF_COLUMNS]: unknown };

const CLASS_COLUMNS = {
  schoolYearId: classes.schoolYearId,
  name: classes.name,
  grade: classes.grade,
  room: classes.room,
  homeroomTeacherId: classes.homeroomTeacherId,
  isSmart: classes.isSmart,
};
export type ClassWrite = { [K in keyof typeof CLASS_COLUMNS]: unknown };

/** The only file of the imports module that touches tables (jobs, lookups, upserts, export pages). */
export function createImportsRepository(db: Queryable) {
  return {
    // ---- jobs
    async insertJob(row: typeof importJobs.$inferInsert) {
      const [job] = await db.insert(importJobs).values(row).returning();
      return job;
    },
    async getJob(schoolId: string, id: string, forUpdate = false) {
      const q = db
        .select()
        .from(importJobs)
        .where(and(eq(importJobs.schoolId, schoolId), eq(importJobs.id, id)));
      const [job] = forUpdate ? await q.for('update') : await q;
      return job ?? null;
    },
    async listJobs(schoolId: string, page: { limit: number; offset: number }) {
      const where = eq(importJobs.schoolId, schoolId);
      const [{ total }] = await db.select({ total: count() }).from(importJobs).where(where);
      const items = await db
        .select()
        .from(importJobs)
        .where(where)
        .orderBy(desc(importJobs.createdAt))
        .limit(page.limit)
        .offset(page.offset);
      return { total, items };
    },
    async updateJob(
      schoolId: string,
      id: string,
      patch: Partial<Omit<typeof importJobs.$inferInsert, 'schoolId' | 'id'>> & { errors?: ImportRowError[] },
    ) {
      const [job] = await db
        .update(importJobs)
        .set(patch)
        .where(and(eq(importJobs.schoolId, schoolId), eq(importJobs.id, id)))
        .returning();
      return job;
    },

    // ---- units and reference data
    async school(id: string) {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row ?? null;
    },
    async schoolByCode(code: string) {
      const [row] = await db.select().from(units).where(eq(units.code, code));
      return row ?? null;
    },
    async currentSchoolYear() {
      const [row] = await db.select().from(schoolYears).where(eq(schoolYears.isCurrent, true));
      return row ?? null;
    },
    async ethnicityList() {
      return db.select().from(ethnicities).orderBy(asc(ethnicities.code));
    },
    async classesOfYear(schoolId: string, schoolYearId: string) {
      return db
        .select()
        .from(classes)
        .where(and(eq(classes.schoolId, schoolId), eq(classes.schoolYearId, schoolYearId)))
        .orderBy(asc(classes.grade), asc(classes.name));
    },

    /** Reference maps for validating rows of one kind at one school. */
    async lookups(schoolId: string, kind: string, today: string): Promise<Lookups> {
      const year = await this.currentSchoolYear();
      const ethnicityMap = buildEthnicityMap(await this.ethnicityList());

      const classMap = new Map<string, { id: string; name: string; schoolYearId: string }>();
      if (year && (kind === 'students' || kind === 'classes')) {
        for (const c of await this.classesOfYear(schoolId, year.id)) {
          const value = { id: c.id, name: c.name, schoolYearId: c.schoolYearId };
          classMap.set(classKey(c.name), value);
          classMap.set(c.name, value); // as typed: found without normalising
        }
      }
      const studentMap = new Map<string, string>();
      if (kind === 'guardians') {
        const rows = await db
          .select({ id: students.id, sectorId: students.sectorId })
          .from(students)
          .where(eq(students.schoolId, schoolId));
        for (const s of rows) studentMap.set(s.sectorId, s.id);
      }
      const staffMap = new Map<string, string>();
      if (kind === 'classes') {
        const rows = await db
          .select({ id: staff.id, code: staff.staffCode })
          .from(staff)
          .where(eq(staff.schoolId, schoolId));
        for (const s of rows) staffMap.set(staffKey(s.code), s.id);
      }
      const subjectMap = new Map<string, string>();
      if (kind === 'staff') {
        const rows = await db.select({ code: subjects.code, name: subjects.name }).from(subjects);
        const names = new Map<string, string | null>();
        for (const s of rows) {
          subjectMap.set(normalizeKey(s.code), s.code);
          const k = normalizeKey(s.name);
          names.set(k, names.has(k) ? null : s.code);
        }
        for (const [k, code] of names) if (code && !subjectMap.has(k)) subjectMap.set(k, code);
      }
      return {
        date1904: false,
        today,
        ethnicities: ethnicityMap,
        classes: classMap,
        students: studentMap,
        staff: staffMap,
        subjects: subjectMap,
      };
    },

    // ---- students
    /**
     * One batch of validated students in ONE statement (the batch travels once, as JSON): upsert by sector id
     * where something differs, close the open enrolment and open a new one where the class changed, and one
     * audit entry per written student (a new student's values, or the changed fields before and after). A
     * student equal to the stored row is not touched. Returns what was created and updated.
     */
    async writeStudentBatch(
      schoolId: string,
      rows: readonly StudentBatchRow[],
      o: { today: string; audit: (rows: SQL) => SQL },
    ): Promise<{ created: number; updated: number }> {
      if (rows.length === 0) return { created: 0, updated: 0 };
      const json = JSON.stringify(
        rows.map((r) => ({
          sector_id: r.sectorId,
          citizen_id: r.citizenId,
          full_name: r.fullName,
          birth_date: r.birthDate,
          gender: r.gender,
          ethnicity_code: r.ethnicityCode,
          disability: r.disability,
          poverty: r.poverty,
          orphan: r.orphan,
          address: r.address,
          class_id: r.classId,
          school_year_id: r.schoolYearId,
          class_name: r.className,
        })),
      );
      // The values as the registry stores them, keyed as the API names them (the audit entry's shape).
      const valuesJson = (p: string) =>
        sql.raw(`jsonb_build_object('sectorId', ${p}.sector_id,
        'citizenId', ${p}.citizen_id, 'fullName', ${p}.full_name, 'birthDate', ${p}.birth_date,
        'gender', ${p}.gender, 'ethnicityCode', ${p}.ethnicity_code, 'disability', ${p}.disability,
        'poverty', ${p}.poverty, 'orphan', ${p}.orphan, 'address', ${p}.address,
        'currentClassId', ${p}.current_class_id, 'status', ${p}.status)`);
      const result = await db.execute(sql`
        with x as (
          select * from json_to_recordset(${json}::json) as x(sector_id text, citizen_id text, full_name text,
            birth_date date, gender text, ethnicity_code text, disability text, poverty text, orphan text,
            address text, class_id uuid, school_year_id uuid, class_name text)
        ),
        n as (
          select x.sector_id, x.citizen_id, x.full_name, x.birth_date, x.gender, x.ethnicity_code, x.disability,
                 x.poverty, x.orphan, x.address, x.class_id, x.school_year_id, x.class_name,
                 coalesce(x.class_id, s.current_class_id) as current_class_id,
                 -- a class given to a student no longer studying here re-admits them (đang học)
                 case when s.id is null or (x.class_id is not null and s.status <> 'studying') then 'studying'
                      else s.status end as status,
                 s.current_class_id as old_class_id,
                 -- the stored values, for the audit of an update (none to build for a new student)
                 case when s.id is not null then ${valuesJson('s')} end as old_values
            -- lateral: one unique-index probe per row (the table grows inside the import's transaction, so the
            -- planner's statistics are stale and would otherwise read the whole school per batch)
            from x left join lateral (
              select * from ${students} s where s.school_id = ${schoolId}::uuid and s.sector_id = x.sector_id
            ) s on true
        ),
        up as (
          insert into ${students} (school_id, sector_id, citizen_id, full_name, birth_date, gender, ethnicity_code,
            disability, poverty, orphan, address, current_class_id, status)
          select ${schoolId}::uuid, n.sector_id, n.citizen_id, n.full_name, n.birth_date, n.gender, n.ethnicity_code,
                 n.disability, n.poverty, n.orphan, n.address, n.current_class_id, n.status
            from n
          on conflict (school_id, sector_id) do update
            set citizen_id = excluded.citizen_id, full_name = excluded.full_name, birth_date = excluded.birth_date,
                gender = excluded.gender, ethnicity_code = excluded.ethnicity_code, disability = excluded.disability,
                poverty = excluded.poverty, orphan = excluded.orphan, address = excluded.address,
                current_class_id = excluded.current_class_id, status = excluded.status, updated_at = now()
            where (${students}.citizen_id, ${students}.full_name, ${students}.birth_date, ${students}.gender,
                   ${students}.ethnicity_code, ${students}.disability, ${students}.poverty, ${students}.orphan,
                   ${students}.address, ${students}.current_class_id, ${students}.status)
              is distinct from (excluded.citizen_id, excluded.full_name, excluded.birth_date, excluded.gender,
                   excluded.ethnicity_code, excluded.disability, excluded.poverty, excluded.orphan, excluded.address,
                   excluded.current_class_id, excluded.status)
          returning id, sector_id, (xmax = 0) as inserted
        ),
        w as (
          select up.id, up.inserted, n.*, ${valuesJson('n')} as new_values
            from up join n on n.sector_id = up.sector_id
        ),
        moved as (
          select * from w where w.class_id is not null and w.class_id is distinct from w.old_class_id
        ),
        closed as (
          update ${enrolments} e set end_date = ${o.today}::date, end_reason = 'class_change'
           where e.school_id = ${schoolId}::uuid and e.end_date is null
             and e.student_id = any(array(select m.id from moved m where m.old_class_id is not null))
        ),
        opened as (
          insert into ${enrolments} (school_id, student_id, class_id, school_year_id, start_date, reason)
          select ${schoolId}::uuid, m.id, m.class_id, m.school_year_id, ${o.today}::date,
                 case when m.old_class_id is null then 'new' else 'class_change' end
            from moved m
        ),
        audited as (
          ${o.audit(sql`
            select ${schoolId}::uuid as school_id, 'create' as action, 'student' as entity, w.id::text as entity_id,
                   null::jsonb as before, w.new_values || jsonb_build_object('className', w.class_name) as after
              from w where w.inserted
            union all
            select ${schoolId}::uuid, 'update', 'student', w.id::text,
                   (select jsonb_object_agg(k.key, w.old_values -> k.key) from jsonb_each(w.new_values) k
                     where (w.old_values -> k.key) is distinct from k.value),
                   (select jsonb_object_agg(k.key, k.value) from jsonb_each(w.new_values) k
                     where (w.old_values -> k.key) is distinct from k.value)
              from w where not w.inserted`)}
        )
        select (count(*) filter (where inserted))::int as created, (count(*) filter (where not inserted))::int as updated
          from up`);
      const [r] = rowsOf<{ created: number; updated: number }>(result);
      return { created: Number(r.created), updated: Number(r.updated) };
    },

    // ---- guardians
    async guardiansByPhones(schoolId: string, phones: string[]) {
      if (phones.length === 0) return [];
      return db
        .select()
        .from(guardians)
        .where(and(eq(guardians.schoolId, schoolId), inJsonArray(guardians.phone, phones)));
    },
    async linksOfGuardians(schoolId: string, guardianIds: string[]) {
      if (guardianIds.length === 0) return [];
      return db
        .select()
        .from(studentGuardians)
        .where(
          and(eq(studentGuardians.schoolId, schoolId), inArray(studentGuardians.guardianId, guardianIds)),
        );
    },
    upsertGuardians: (schoolId: string, rows: GuardianWrite[]) =>
      upsertRecordset(db, guardians, schoolId, GUARDIAN_COLUMNS, [guardians.phone], guardians.phone, rows),
    async upsertLinks(
      schoolId: string,
      rows: { studentId: string; guardianId: string; relationship: string; isPrimary: boolean }[],
    ) {
      if (rows.length === 0) return;
      const json = JSON.stringify(
        rows.map((r) => ({
          student_id: r.studentId,
          guardian_id: r.guardianId,
          relationship: r.relationship,
          is_primary: r.isPrimary,
        })),
      );
      await db.execute(sql`
        insert into ${studentGuardians} ("school_id", "student_id", "guardian_id", "relationship", "is_primary")
        select ${schoolId}::uuid, x.student_id, x.guardian_id, x.relationship, x.is_primary
        from json_to_recordset(${json}::json) as x(student_id uuid, guardian_id uuid, relationship text, is_primary boolean)
        on conflict ("school_id", "student_id", "guardian_id") do update
        set "relationship" = excluded."relationship", "is_primary" = excluded."is_primary"
        where (${studentGuardians}."relationship", ${studentGuardians}."is_primary")
          is distinct from (excluded."relationship", excluded."is_primary")`);
    },

    // ---- staff
    async staffByCodes(schoolId: string, codes: string[]) {
      if (codes.length === 0) return [];
      return db
        .select()
        .from(staff)
        .where(and(eq(staff.schoolId, schoolId), inJsonArray(staff.staffCode, codes)));
    },
    upsertStaff: (schoolId: string, rows: StaffWrite[]) =>
      upsertRecordset(db, staff, schoolId, STAFF_COLUMNS, [staff.staffCode], staff.staffCode, rows),

    // ---- classes
    upsertClasses: (schoolId: string, rows: ClassWrite[]) =>
      upsertRecordset(
        db,
        classes,
        schoolId,
        CLASS_COLUMNS,
        [classes.schoolYearId, classes.name],
        classes.name,
        rows,
      ),

    // ---- export pages (keyset pagination: stable under concurrent writes, no long transaction)
    async studentPage(
      where: SQL,
      after: { sortClass: string; fullName: string; id: string } | null,
      limit: number,
    ) {
      const sortClass = sql<string>`coalesce(${classes.name}, '')`;
      const conds = [where];
      if (after)
        conds.push(
          sql`(${sortClass}, ${students.fullName}, ${students.id}) > (${after.sortClass}, ${after.fullName}, ${after.id}::uuid)`,
        );
      return db
        .select({
          id: students.id,
          schoolName: units.name,
          sectorId: students.sectorId,
          fullName: students.fullName,
          birthDate: students.birthDate,
          gender: students.gender,
          ethnicityName: ethnicities.name,
          ethnicityCode: students.ethnicityCode,
          className: classes.name,
          sortClass,
          citizenId: students.citizenId,
          disability: students.disability,
          poverty: students.poverty,
          orphan: students.orphan,
          address: students.address,
        })
        .from(students)
        .innerJoin(units, eq(units.id, students.schoolId))
        .leftJoin(ethnicities, eq(ethnicities.code, students.ethnicityCode))
        .leftJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
        )
        .where(and(...conds))
        .orderBy(sortClass, asc(students.fullName), asc(students.id))
        .limit(limit);
    },
    async guardianPage(where: SQL, after: { fullName: string; id: string } | null, limit: number) {
      const conds = [where];
      if (after)
        conds.push(sql`(${guardians.fullName}, ${guardians.id}) > (${after.fullName}, ${after.id}::uuid)`);
      return db
        .select({
          id: guardians.id,
          schoolName: units.name,
          phone: guardians.phone,
          fullName: guardians.fullName,
          email: guardians.email,
          citizenId: guardians.citizenId,
          occupation: guardians.occupation,
          address: guardians.address,
          children: sql<
            string | null
          >`(select string_agg(s.sector_id, ', ' order by s.sector_id) from ${studentGuardians} sg join ${students} s on s.school_id = sg.school_id and s.id = sg.student_id where sg.school_id = ${guardians.schoolId} and sg.guardian_id = ${guardians.id})`,
          relationship: sql<
            string | null
          >`(select sg.relationship from ${studentGuardians} sg where sg.school_id = ${guardians.schoolId} and sg.guardian_id = ${guardians.id} order by sg.is_primary desc, sg.student_id limit 1)`,
          isPrimary: sql<
            boolean | null
          >`(select sg.is_primary from ${studentGuardians} sg where sg.school_id = ${guardians.schoolId} and sg.guardian_id = ${guardians.id} order by sg.is_primary desc, sg.student_id limit 1)`,
        })
        .from(guardians)
        .innerJoin(units, eq(units.id, guardians.schoolId))
        .where(and(...conds))
        .orderBy(asc(guardians.fullName), asc(guardians.id))
        .limit(limit);
    },
    async staffPage(where: SQL, after: { fullName: string; id: string } | null, limit: number) {
      const conds = [where];
      if (after) conds.push(sql`(${staff.fullName}, ${staff.id}) > (${after.fullName}, ${after.id}::uuid)`);
      return db
        .select({
          id: staff.id,
          schoolName: units.name,
          staffCode: staff.staffCode,
          fullName: staff.fullName,
          birthDate: staff.birthDate,
          gender: staff.gender,
          ethnicityName: ethnicities.name,
          citizenId: staff.citizenId,
          category: staff.category,
          position: staff.position,
          qualification: staff.qualification,
          mainSubjectCode: staff.mainSubjectCode,
          phone: staff.phone,
          email: staff.email,
          status: staff.status,
        })
        .from(staff)
        .innerJoin(units, eq(units.id, staff.schoolId))
        .leftJoin(ethnicities, eq(ethnicities.code, staff.ethnicityCode))
        .where(and(...conds))
        .orderBy(asc(staff.fullName), asc(staff.id))
        .limit(limit);
    },
    async classPage(where: SQL, after: { grade: number; name: string; id: string } | null, limit: number) {
      const conds = [where];
      if (after)
        conds.push(
          sql`(${classes.grade}, ${classes.name}, ${classes.id}) > (${after.grade}, ${after.name}, ${after.id}::uuid)`,
        );
      return db
        .select({
          id: classes.id,
          schoolName: units.name,
          name: classes.name,
          grade: classes.grade,
          room: classes.room,
          homeroomCode: staff.staffCode,
          isSmart: classes.isSmart,
        })
        .from(classes)
        .innerJoin(units, eq(units.id, classes.schoolId))
        .leftJoin(staff, and(eq(staff.schoolId, classes.schoolId), eq(staff.id, classes.homeroomTeacherId)))
        .where(and(...conds))
        .orderBy(asc(classes.grade), asc(classes.name), asc(classes.id))
        .limit(limit);
    },
  };
}
export type ImportsRepository = ReturnType<typeof createImportsRepository>;

// ---- export filters: the list endpoints' filters within the actor's read scope

export type StudentExportQuery = {
  schoolId?: string;
  classId?: string;
  gender?: string;
  ethnicityCode?: string;
  status?: string;
  q?: string;
};
export type GuardianExportQuery = { schoolId?: string; studentId?: string; q?: string };
export type StaffExportQuery = { schoolId?: string; category?: string; q?: string };
export type ClassExportQuery = {
  schoolId?: string;
  schoolYearId?: string;
  grade?: number;
  smart?: 'true' | 'false';
  q?: string;
};

export function studentExportWhere(scope: Scope, q: StudentExportQuery): SQL {
  const conds: SQL[] = [
    scopeCondition(scope, {
      schoolId: students.schoolId,
      classId: students.currentClassId,
      studentId: students.id,
    }),
  ];
  if (q.schoolId) conds.push(eq(students.schoolId, q.schoolId));
  if (q.classId) conds.push(eq(students.currentClassId, q.classId));
  if (q.gender) conds.push(eq(students.gender, q.gender));
  if (q.ethnicityCode) conds.push(eq(students.ethnicityCode, q.ethnicityCode));
  if (q.status) conds.push(eq(students.status, q.status));
  if (q.q) conds.push(or(ilike(students.fullName, containsPattern(q.q)), eq(students.sectorId, q.q))!);
  return and(...conds)!;
}

/** Guardians in scope: a unit subtree, the actor's own guardian record, or guardians of students in scope. */
export function guardianExportWhere(scope: Scope, q: GuardianExportQuery): SQL {
  const parts: SQL[] = [
    scopeCondition(
      { ...scope, classes: [], students: [] },
      {
        schoolId: guardians.schoolId,
        guardianId: guardians.id,
      },
    ),
  ];
  const linked = (cond: SQL) =>
    sql`exists (select 1 from ${studentGuardians} sg join ${students} s on s.school_id = sg.school_id and s.id = sg.student_id where sg.school_id = ${guardians.schoolId} and sg.guardian_id = ${guardians.id} and ${cond})`;
  for (const c of scope.classes)
    parts.push(
      and(eq(guardians.schoolId, c.schoolId), linked(sql`s.current_class_id = ${c.classId}::uuid`))!,
    );
  for (const s of scope.students)
    parts.push(and(eq(guardians.schoolId, s.schoolId), linked(sql`s.id = ${s.studentId}::uuid`))!);
  const conds: SQL[] = [or(...parts)!];
  if (q.schoolId) conds.push(eq(guardians.schoolId, q.schoolId));
  if (q.studentId) conds.push(linked(sql`s.id = ${q.studentId}::uuid`));
  if (q.q) conds.push(or(ilike(guardians.fullName, containsPattern(q.q)), eq(guardians.phone, q.q))!);
  return and(...conds)!;
}

export function staffExportWhere(scope: Scope, q: StaffExportQuery): SQL {
  const conds: SQL[] = [scopeCondition(scope, { schoolId: staff.schoolId })];
  if (q.schoolId) conds.push(eq(staff.schoolId, q.schoolId));
  if (q.category) conds.push(eq(staff.category, q.category));
  if (q.q) conds.push(or(ilike(staff.fullName, containsPattern(q.q)), eq(staff.staffCode, q.q))!);
  return and(...conds)!;
}

export function classExportWhere(scope: Scope, q: ClassExportQuery): SQL {
  const conds: SQL[] = [scopeCondition(scope, { schoolId: classes.schoolId, classId: classes.id })];
  if (q.schoolId) conds.push(eq(classes.schoolId, q.schoolId));
  if (q.schoolYearId) conds.push(eq(classes.schoolYearId, q.schoolYearId));
  if (q.grade) conds.push(eq(classes.grade, q.grade));
  if (q.smart) conds.push(eq(classes.isSmart, q.smart === 'true'));
  if (q.q) conds.push(ilike(classes.name, containsPattern(q.q)));
  return and(...conds)!;
}
