import type { Audience } from '@smartedu/contracts';
import {
  classes,
  guardians,
  notificationPreferences,
  type Queryable,
  roleAssignments,
  staff,
  studentGuardians,
  students,
  teachingAssignments,
  users,
} from '@smartedu/db';
import { and, eq, inArray, not, type SQL, sql } from 'drizzle-orm';

/**
 * Who receives what. A recipient is a person with an account (in-app notifications, read receipts), an e-mail
 * address (e-mail), or both: a guardian without an account still gets e-mail.
 */
export type Recipient = {
  userId: string | null;
  name: string;
  email: string | null;
  /** The account's preference (true when there is no account or no preference yet). */
  emailOn: boolean;
  role: 'parent' | 'student' | 'staff';
};

const STAFF_ROLES = ['school_admin', 'teacher', 'staff'];

/** Reads the registry's people and the accounts linked to them, to address notifications. */
export function createRecipientsRepository(db: Queryable) {
  const studying = eq(students.status, 'studying');

  /** Teachers of a class: the homeroom teacher (GVCN) and every teacher assigned a subject there. */
  const classTeacherIds = (schoolId: string, classId: string): SQL =>
    sql`(select ${classes.homeroomTeacherId} from ${classes}
          where ${classes.schoolId} = ${schoolId} and ${classes.id} = ${classId}
            and ${classes.homeroomTeacherId} is not null
         union
         select ${teachingAssignments.staffId} from ${teachingAssignments}
          where ${teachingAssignments.schoolId} = ${schoolId} and ${teachingAssignments.classId} = ${classId})`;

  return {
    /** Guardians of the given students, or of every studying student of a class or of the school. */
    async guardians(schoolId: string, f: { studentIds?: string[]; classId?: string | null }) {
      const conds: SQL[] = [eq(studentGuardians.schoolId, schoolId), studying];
      if (f.studentIds) conds.push(inArray(studentGuardians.studentId, f.studentIds));
      if (f.classId) conds.push(eq(students.currentClassId, f.classId));
      const rows = await db
        .select({
          guardianId: guardians.id,
          name: guardians.fullName,
          email: sql<string | null>`coalesce(${guardians.email}, ${users.email})`,
          userId: users.id,
          emailOn: notificationPreferences.email,
        })
        .from(studentGuardians)
        .innerJoin(
          students,
          and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)),
        )
        .innerJoin(
          guardians,
          and(
            eq(guardians.schoolId, studentGuardians.schoolId),
            eq(guardians.id, studentGuardians.guardianId),
          ),
        )
        .leftJoin(users, and(eq(users.guardianId, guardians.id), not(users.disabled)))
        .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
        .where(and(...conds));
      const seen = new Map<string, Recipient>();
      for (const r of rows) {
        if (seen.has(r.guardianId)) continue;
        seen.set(r.guardianId, {
          userId: r.userId,
          name: r.name,
          email: r.email,
          emailOn: r.emailOn ?? true,
          role: 'parent',
        });
      }
      return [...seen.values()];
    },

    /** Student accounts of a class or of the whole school. */
    async students(schoolId: string, f: { classId?: string | null }): Promise<Recipient[]> {
      const rows = await db
        .select({
          userId: users.id,
          name: users.fullName,
          email: users.email,
          emailOn: notificationPreferences.email,
        })
        .from(users)
        .innerJoin(students, and(eq(students.schoolId, schoolId), eq(students.id, users.studentId)))
        .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
        .where(
          and(not(users.disabled), studying, f.classId ? eq(students.currentClassId, f.classId) : undefined),
        );
      return rows.map((r) => ({ ...r, emailOn: r.emailOn ?? true, role: 'student' as const }));
    },

    /** Staff accounts: the teachers of a class, or everybody with a staff role (or the given roles) in the school. */
    async staff(schoolId: string, f: { classId?: string | null; roles?: string[] }): Promise<Recipient[]> {
      const rows = f.classId
        ? await db
            .select({
              userId: users.id,
              name: users.fullName,
              email: sql<string | null>`coalesce(${users.email}, ${staff.email})`,
              emailOn: notificationPreferences.email,
            })
            .from(users)
            .innerJoin(staff, and(eq(staff.schoolId, schoolId), eq(staff.id, users.staffId)))
            .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
            .where(and(not(users.disabled), sql`${users.staffId} in ${classTeacherIds(schoolId, f.classId)}`))
        : await db
            .selectDistinct({
              userId: users.id,
              name: users.fullName,
              email: users.email,
              emailOn: notificationPreferences.email,
            })
            .from(users)
            .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
            .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
            .where(
              and(
                not(users.disabled),
                eq(roleAssignments.unitId, schoolId),
                inArray(roleAssignments.role, f.roles ?? STAFF_ROLES),
              ),
            );
      return rows.map((r) => ({ ...r, emailOn: r.emailOn ?? true, role: 'staff' as const }));
    },

    /**
     * The accounts an announcement is for, as SQL returning `id` (counted for read receipts). Persons without
     * an account are not counted: they cannot confirm reading.
     */
    audienceUserIds(a: { schoolId: string; classId: string | null; audience: Audience }): SQL {
      const parts: SQL[] = [];
      const inClass = (col: SQL | typeof students.currentClassId) =>
        a.classId ? sql` and ${col} = ${a.classId}` : sql``;
      if (a.audience === 'parents' || a.audience === 'all') {
        parts.push(sql`select u.id from ${users} u
          join ${studentGuardians} sg on sg.guardian_id = u.guardian_id
          join ${students} s on s.school_id = sg.school_id and s.id = sg.student_id
          where sg.school_id = ${a.schoolId} and s.status = 'studying' and not u.disabled${inClass(sql`s.current_class_id`)}`);
      }
      if (a.audience === 'students' || a.audience === 'all') {
        parts.push(sql`select u.id from ${users} u
          join ${students} s on s.school_id = ${a.schoolId} and s.id = u.student_id
          where s.status = 'studying' and not u.disabled${inClass(sql`s.current_class_id`)}`);
      }
      if (a.audience === 'staff' || a.audience === 'all') {
        parts.push(
          a.classId
            ? sql`select u.id from ${users} u
                where not u.disabled and u.home_unit_id = ${a.schoolId}
                  and u.staff_id in ${classTeacherIds(a.schoolId, a.classId)}`
            : sql`select u.id from ${users} u join ${roleAssignments} ra on ra.user_id = u.id
                where not u.disabled and ra.unit_id = ${a.schoolId}
                  and ra.role in ('school_admin', 'teacher', 'staff')`,
        );
      }
      return sql.join(parts, sql` union `);
    },

    /** One student with the names shown in notifications. */
    async student(schoolId: string, studentId: string) {
      const [row] = await db
        .select({
          id: students.id,
          fullName: students.fullName,
          classId: students.currentClassId,
          className: classes.name,
        })
        .from(students)
        .leftJoin(
          classes,
          and(eq(classes.schoolId, students.schoolId), eq(classes.id, students.currentClassId)),
        )
        .where(and(eq(students.schoolId, schoolId), eq(students.id, studentId)));
      return row ?? null;
    },
  };
}
export type RecipientsRepository = ReturnType<typeof createRecipientsRepository>;

/** Drops duplicates (same account, or same address without an account) and the given account. */
export function uniqueRecipients(list: Recipient[], exceptUserId?: string): Recipient[] {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of list) {
    if (exceptUserId && r.userId === exceptUserId) continue;
    const key = r.userId ?? `mail:${r.email?.toLowerCase() ?? r.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
