import type {
  StaffCreateBody,
  StaffListQuery,
  StaffUpdateBody,
  TeachingAssignmentBody,
  TeachingAssignmentListQuery,
} from '@smartedu/contracts';
import type { z } from 'zod';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../access';
import { diff, offset, type RegistryDeps } from './shared';
import { createStaffRepository } from './staff.repository';

/** Cấp học of a grade: the subjects a class may be taught (tiểu học, THCS, THPT). */
const levelOfGrade = (grade: number) => (grade <= 5 ? 'TH' : grade <= 9 ? 'THCS' : 'THPT');

/** Cán bộ, giáo viên, nhân viên. */
export function createStaffService({ database, access, audit }: RegistryDeps) {
  const repo = createStaffRepository(database.db);

  async function checkReferences(body: z.infer<typeof StaffUpdateBody>) {
    if (body.ethnicityCode && !(await repo.ethnicityExists(body.ethnicityCode)))
      throw new AppError(
        'VALIDATION_FAILED',
        `Mã dân tộc "${body.ethnicityCode}" không có trong danh mục 54 dân tộc`,
        { field: 'ethnicityCode' },
      );
    if (body.mainSubjectCode && !(await repo.subjectCodeExists(body.mainSubjectCode)))
      throw new AppError('VALIDATION_FAILED', `Môn học "${body.mainSubjectCode}" không có trong danh mục`, {
        field: 'mainSubjectCode',
      });
    if (body.subjectIds?.length) {
      const found = await repo.existingSubjectIds(body.subjectIds);
      const missing = body.subjectIds.filter((id) => !found.has(id));
      if (missing.length)
        throw new AppError('VALIDATION_FAILED', 'Môn học không có trong danh mục', {
          field: 'subjectIds',
          subjectIds: missing,
        });
    }
  }
  async function checkCodeFree(schoolId: string, staffCode: string) {
    if (await repo.byCode(schoolId, staffCode))
      throw new AppError('DUPLICATE', `Mã cán bộ ${staffCode} đã có trong đơn vị`, { field: 'staffCode' });
  }
  const sortedUnique = (ids: string[]) => [...new Set(ids)].sort();

  return {
    async list(actor: Actor, q: z.infer<typeof StaffListQuery>) {
      const scope = await access.scope(actor, 'staff.read');
      return repo.list(
        { scope, schoolId: q.schoolId, category: q.category, q: q.q },
        { limit: q.pageSize, offset: offset(q) },
      );
    },

    async get(actor: Actor, schoolId: string, id: string) {
      const row = await repo.get(schoolId, id);
      if (!row) throw notFound('cán bộ');
      await access.require(actor, 'staff.read', { schoolId });
      return row;
    },

    async create(actor: Actor, schoolId: string, body: z.infer<typeof StaffCreateBody>) {
      await access.require(actor, 'staff.write', { schoolId });
      await checkReferences(body);
      await checkCodeFree(schoolId, body.staffCode);
      const { subjectIds, ...fields } = body;
      const id = await database.transaction(async (tx) => {
        const r = createStaffRepository(tx);
        const row = await r.insert({ ...fields, schoolId });
        await r.replaceSubjects(schoolId, row.id, subjectIds);
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'staff',
          entityId: row.id,
          after: { ...row, subjectIds: sortedUnique(subjectIds) },
        });
        return row.id;
      });
      return (await repo.get(schoolId, id))!;
    },

    async update(actor: Actor, schoolId: string, id: string, body: z.infer<typeof StaffUpdateBody>) {
      await access.require(actor, 'staff.write', { schoolId });
      const current = await repo.raw(schoolId, id);
      if (!current) throw notFound('cán bộ');
      await checkReferences(body);
      if (body.staffCode && body.staffCode !== current.staffCode)
        await checkCodeFree(schoolId, body.staffCode);
      const { subjectIds, ...fields } = body;
      const before = { ...current, subjectIds: await repo.subjectIdsOf(schoolId, id) };
      const d = diff(before, { ...fields, subjectIds: subjectIds && sortedUnique(subjectIds) });
      if (d.changed) {
        await database.transaction(async (tx) => {
          const r = createStaffRepository(tx);
          await r.update(schoolId, id, fields);
          if (d.after.subjectIds) await r.replaceSubjects(schoolId, id, d.after.subjectIds);
          await audit.record(tx, actor, { schoolId, action: 'update', entity: 'staff', entityId: id, ...d });
        });
      }
      return (await repo.get(schoolId, id))!;
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;

/** Phân công giảng dạy: one teacher per class, subject and school year. */
export function createAssignmentsService({ database, access, audit }: RegistryDeps) {
  const repo = createStaffRepository(database.db);

  return {
    async list(actor: Actor, schoolId: string, q: z.infer<typeof TeachingAssignmentListQuery>) {
      // One class's assignments: whoever may read the class; the whole school's: school-wide readers only.
      await access.require(actor, 'classes.read', { schoolId, classIds: q.classId ? [q.classId] : [] });
      const scope = await access.scope(actor, 'classes.read');
      return repo.listAssignments({ scope, schoolId, ...q });
    },

    /**
     * Assigns a teacher to a class and subject for the class's school year. When the class and subject already
     * have a teacher, the assignment moves to the new one (`created` is then false).
     */
    async assign(actor: Actor, schoolId: string, body: z.infer<typeof TeachingAssignmentBody>) {
      await access.require(actor, 'classes.write', { schoolId });
      const result = await database.transaction(async (tx) => {
        const r = createStaffRepository(tx);
        const cls = await r.class(schoolId, body.classId);
        if (!cls)
          throw new AppError('VALIDATION_FAILED', 'Lớp không tồn tại trong trường này', { field: 'classId' });
        const member = await r.raw(schoolId, body.staffId);
        if (!member)
          throw new AppError('VALIDATION_FAILED', 'Giáo viên không thuộc trường này', { field: 'staffId' });
        if (member.status !== 'working')
          throw new AppError('VALIDATION_FAILED', `${member.fullName} hiện không công tác tại trường`, {
            field: 'staffId',
          });
        const subject = await r.subject(body.subjectId);
        if (!subject)
          throw new AppError('VALIDATION_FAILED', 'Môn học không có trong danh mục', { field: 'subjectId' });
        if (subject.level !== levelOfGrade(cls.grade))
          throw new AppError(
            'VALIDATION_FAILED',
            `Môn ${subject.name} (cấp ${subject.level}) không dạy ở lớp ${cls.name}`,
            { field: 'subjectId' },
          );
        const existing = await r.assignmentFor(schoolId, cls.id, subject.id, cls.schoolYearId);
        if (existing) {
          if (existing.staffId === member.id) return { id: existing.id, created: false };
          const row = await r.reassign(schoolId, existing.id, member.id);
          await audit.record(tx, actor, {
            schoolId,
            action: 'update',
            entity: 'teaching_assignment',
            entityId: existing.id,
            before: existing,
            after: row,
          });
          return { id: existing.id, created: false };
        }
        const row = await r.insertAssignment({
          schoolId,
          staffId: member.id,
          classId: cls.id,
          subjectId: subject.id,
          schoolYearId: cls.schoolYearId,
        });
        await audit.record(tx, actor, {
          schoolId,
          action: 'create',
          entity: 'teaching_assignment',
          entityId: row.id,
          after: row,
        });
        return { id: row.id, created: true };
      });
      return { created: result.created, assignment: (await repo.getAssignment(schoolId, result.id))! };
    },

    async remove(actor: Actor, schoolId: string, id: string) {
      await access.require(actor, 'classes.write', { schoolId });
      await database.transaction(async (tx) => {
        const r = createStaffRepository(tx);
        const before = await r.rawAssignment(schoolId, id);
        if (!before) throw notFound('phân công giảng dạy');
        await r.deleteAssignment(schoolId, id);
        await audit.record(tx, actor, {
          schoolId,
          action: 'delete',
          entity: 'teaching_assignment',
          entityId: id,
          before,
        });
      });
      return { ok: true as const };
    },
  };
}
export type AssignmentsService = ReturnType<typeof createAssignmentsService>;
