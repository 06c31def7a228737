import type {
  StudentCreateBody,
  StudentListQuery,
  StudentTransferBody,
  StudentUpdateBody,
} from '@smartedu/contracts';
import { classes, containsPattern, enrolments, ethnicities, type Queryable, students } from '@smartedu/db';
import { and, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { type Actor, scopeCondition } from '../access';
import { diff, offset, type RegistryDeps } from './shared';
import { createStudentsRepository } from './students.repository';

export function createStudentsService({ database, access, audit }: RegistryDeps) {
  const repo = createStudentsRepository(database.db);

  async function loadClass(db: Queryable, schoolId: string, classId: string) {
    const [cls] = await db
      .select()
      .from(classes)
      .where(and(eq(classes.schoolId, schoolId), eq(classes.id, classId)));
    if (!cls)
      throw new AppError('VALIDATION_FAILED', 'Lớp không tồn tại trong trường này', { field: 'classId' });
    return cls;
  }
  async function checkEthnicity(code: string | undefined) {
    if (!code) return;
    const [row] = await database.db.select().from(ethnicities).where(eq(ethnicities.code, code));
    if (!row)
      throw new AppError('VALIDATION_FAILED', `Mã dân tộc "${code}" không có trong danh mục 54 dân tộc`, {
        field: 'ethnicityCode',
      });
  }

  return {
    async list(actor: Actor, q: z.infer<typeof StudentListQuery>) {
      const scope = await access.scope(actor, 'students.read');
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
      return repo.list(and(...conds)!, { limit: q.pageSize, offset: offset(q) });
    },

    async get(actor: Actor, schoolId: string, id: string) {
      const row = await repo.get(schoolId, id);
      if (!row) throw notFound('học sinh');
      await access.require(actor, 'students.read', {
        schoolId,
        studentId: id,
        classIds: row.currentClassId ? [row.currentClassId] : [],
      });
      const [history, guardianList] = await Promise.all([
        repo.enrolmentHistory(row.sectorId),
        repo.guardiansOf(schoolId, id),
      ]);
      return { ...row, enrolments: history, guardians: guardianList };
    },

    async create(actor: Actor, schoolId: string, body: z.infer<typeof StudentCreateBody>) {
      await access.require(actor, 'students.write', { schoolId });
      await checkEthnicity(body.ethnicityCode);
      if (await repo.bySectorId(schoolId, body.sectorId)) {
        throw new AppError('DUPLICATE', `Mã định danh ${body.sectorId} đã có trong trường`, {
          field: 'sectorId',
        });
      }
      const { classId, ...fields } = body;
      const id = await database.transaction(async (tx) => {
        const cls = classId ? await loadClass(tx, schoolId, classId) : null;
        const [row] = await tx
          .insert(students)
          .values({ ...fields, schoolId, currentClassId: cls?.id ?? null })
          .returning();
        if (cls) {
          await tx.insert(enrolments).values({
            schoolId,
            studentId: row.id,
            classId: cls.id,
            schoolYearId: cls.schoolYearId,
            startDate: new Date().toISOString().slice(0, 10),
            reason: 'new',
          });
        }
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'student',
          entityId: row.id,
          after: row,
        });
        return row.id;
      });
      return (await repo.get(schoolId, id))!;
    },

    async update(actor: Actor, schoolId: string, id: string, body: z.infer<typeof StudentUpdateBody>) {
      await access.require(actor, 'students.write', { schoolId });
      const current = await repo.raw(schoolId, id);
      if (!current) throw notFound('học sinh');
      await checkEthnicity(body.ethnicityCode);
      if (
        body.sectorId &&
        body.sectorId !== current.sectorId &&
        (await repo.bySectorId(schoolId, body.sectorId))
      ) {
        throw new AppError('DUPLICATE', `Mã định danh ${body.sectorId} đã có trong trường`, {
          field: 'sectorId',
        });
      }
      const d = diff(current, body);
      if (d.changed) {
        await database.transaction(async (tx) => {
          await tx
            .update(students)
            .set({ ...body, updatedAt: new Date() })
            .where(and(eq(students.schoolId, schoolId), eq(students.id, id)));
          await audit.record(tx, actor, {
            schoolId,
            action: 'update',
            entity: 'student',
            entityId: id,
            ...d,
          });
        });
      }
      return (await repo.get(schoolId, id))!;
    },

    /**
     * Chuyển lớp / chuyển trường. The open enrolment ends and a new one starts. Moving to another school
     * creates the student's record there (school-owned rows never change school) and marks this one
     * transferred out; history is joined by the sector identifier.
     */
    async transfer(actor: Actor, schoolId: string, id: string, body: z.infer<typeof StudentTransferBody>) {
      await access.require(actor, 'students.write', { schoolId });
      const current = await repo.raw(schoolId, id);
      if (!current) throw notFound('học sinh');
      if (current.status !== 'studying')
        throw new AppError('CONFLICT', 'Học sinh không còn đang học tại trường');
      const toSchoolId = body.toSchoolId ?? schoolId;
      if (toSchoolId !== schoolId) await access.require(actor, 'students.write', { schoolId: toSchoolId });
      const result = await database.transaction(async (tx) => {
        const target = await loadClass(tx, toSchoolId, body.toClassId);
        if (toSchoolId === schoolId && target.id === current.currentClassId) {
          throw new AppError('VALIDATION_FAILED', 'Học sinh đã ở lớp này', { field: 'toClassId' });
        }
        const crossSchool = toSchoolId !== schoolId;
        await tx
          .update(enrolments)
          .set({
            endDate: body.date,
            endReason: crossSchool ? 'transfer_out' : 'class_change',
            toSchoolId: crossSchool ? toSchoolId : null,
          })
          .where(
            and(eq(enrolments.schoolId, schoolId), eq(enrolments.studentId, id), isNull(enrolments.endDate)),
          );
        let newId = id;
        if (crossSchool) {
          const [existing] = await tx
            .select()
            .from(students)
            .where(and(eq(students.schoolId, toSchoolId), eq(students.sectorId, current.sectorId)));
          if (existing && existing.status === 'studying') {
            throw new AppError('DUPLICATE', 'Học sinh đang học tại trường chuyển đến', {
              field: 'toSchoolId',
            });
          }
          const {
            id: _old,
            schoolId: _s,
            createdAt: _c,
            updatedAt: _u,
            currentClassId: _cc,
            status: _st,
            ...person
          } = current;
          if (existing) {
            await tx
              .update(students)
              .set({ ...person, status: 'studying', currentClassId: target.id, updatedAt: new Date() })
              .where(and(eq(students.schoolId, toSchoolId), eq(students.id, existing.id)));
            newId = existing.id;
          } else {
            const [row] = await tx
              .insert(students)
              .values({ ...person, schoolId: toSchoolId, status: 'studying', currentClassId: target.id })
              .returning();
            newId = row.id;
          }
          await tx
            .update(students)
            .set({ status: 'transferred_out', currentClassId: null, updatedAt: new Date() })
            .where(and(eq(students.schoolId, schoolId), eq(students.id, id)));
        } else {
          await tx
            .update(students)
            .set({ currentClassId: target.id, updatedAt: new Date() })
            .where(and(eq(students.schoolId, schoolId), eq(students.id, id)));
        }
        await tx.insert(enrolments).values({
          schoolId: toSchoolId,
          studentId: newId,
          classId: target.id,
          schoolYearId: target.schoolYearId,
          startDate: body.date,
          reason: crossSchool ? 'transfer_in' : 'class_change',
          fromSchoolId: crossSchool ? schoolId : null,
        });
        const change = {
          before: { schoolId, classId: current.currentClassId },
          after: { schoolId: toSchoolId, classId: target.id, date: body.date, note: body.note ?? null },
        };
        await audit.record(tx, actor, [
          {
            schoolId,
            action: crossSchool ? 'transfer_out' : 'class_change',
            entity: 'student',
            entityId: id,
            ...change,
          },
          ...(crossSchool
            ? [{ schoolId: toSchoolId, action: 'transfer_in', entity: 'student', entityId: newId, ...change }]
            : []),
        ]);
        return { schoolId: toSchoolId, id: newId };
      });
      return (await repo.get(result.schoolId, result.id))!;
    },
  };
}
export type StudentsService = ReturnType<typeof createStudentsService>;
