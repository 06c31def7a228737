import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ImportKind } from '@smartedu/contracts';
import type { Queryable } from '@smartedu/db';
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../access';
import type { AuditRecord, AuditRepository } from '../audit';
import type { ClassRecord } from './class-row';
import type { GuardianRecord } from './guardian-row';
import {
  type ClassRow,
  type ClassWrite,
  createImportsRepository,
  type GuardianWrite,
  type StaffWrite,
} from './imports.repository';
import type { StaffRecord } from './staff-row';
import type { StudentRecord } from './student-row';

/**
 * Commit-time writers: valid records arrive one at a time and are written in batches inside the caller's
 * transaction. A record equal to the stored row is counted as unchanged and produces no UPDATE and no audit
 * entry, so importing the same file twice changes nothing.
 */

export const BATCH_SIZE = 1000;

export type ImportCounts = { created: number; updated: number; unchanged: number };

export type WriterContext = {
  tx: Queryable;
  audit: AuditRepository;
  actor: Actor;
  schoolId: string;
  /** Enrolment start / end date for class changes. */
  today: string;
  /** Current school year (class imports). */
  schoolYearId: string | null;
};

export type RecordWriter<R> = {
  /** Queues a record; returns a promise when a full batch is being written. */
  add: (record: R) => undefined | Promise<void>;
  flush: () => Promise<void>;
  counts: ImportCounts;
};

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** Fields of `next` that differ from `before` (null and undefined are equal). */
export function changedFields(before: Record<string, unknown>, next: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  let changed = false;
  for (const key of Object.keys(next)) {
    if (same(before[key], next[key])) continue;
    b[key] = before[key] ?? null;
    a[key] = next[key] ?? null;
    changed = true;
  }
  return changed ? { before: b, after: a } : null;
}

/**
 * Collects records into batches. A full batch starts writing at once and the caller goes on validating the
 * next rows while the database works (on PostgreSQL that is another process, so parsing and writing overlap);
 * at most one batch is in flight, and the next full batch first waits for it. Batches are independent: the
 * validator has already refused duplicate keys within a file.
 */
export function batcher<R>(write: (records: R[], counts: ImportCounts) => Promise<void>): RecordWriter<R> {
  let batch: R[] = [];
  let inFlight: Promise<void> | null = null;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  async function settle() {
    const pending = inFlight;
    inFlight = null;
    if (pending) await pending;
  }
  async function startBatch() {
    await settle();
    if (batch.length === 0) return;
    const records = batch;
    batch = [];
    const writing = write(records, counts);
    // a failure is raised by the next settle(); until then it must not count as unhandled
    writing.catch(() => {});
    inFlight = writing;
    // Let timers and other requests run between batches (PGlite answers without yielding).
    await yieldToEventLoop();
  }
  return {
    counts,
    async flush() {
      await startBatch();
      await settle();
    },
    add(record) {
      batch.push(record);
      return batch.length >= BATCH_SIZE ? startBatch() : undefined;
    },
  };
}

// ---- students (học sinh): upsert by sector id; a class maintains current_class_id and the enrolments

/**
 * Each batch is one statement (repository.writeStudentBatch): the database compares, writes, keeps the
 * enrolments and audits, so the importer only sends the batch and goes on reading the next rows.
 */
function studentWriter(ctx: WriterContext): RecordWriter<StudentRecord> {
  const repo = createImportsRepository(ctx.tx);
  const audit = (rows: SQL) => ctx.audit.insertSelectSql(ctx.actor, rows);
  return batcher(async (records, counts) => {
    const { created, updated } = await repo.writeStudentBatch(ctx.schoolId, records, {
      today: ctx.today,
      audit,
    });
    counts.created += created;
    counts.updated += updated;
    counts.unchanged += records.length - created - updated;
  });
}

// ---- guardians (cha mẹ / người giám hộ): upsert by phone; links to the listed children

function guardianWriter(ctx: WriterContext): RecordWriter<GuardianRecord> {
  const repo = createImportsRepository(ctx.tx);
  return batcher(async (records, counts) => {
    const existing = new Map(
      (
        await repo.guardiansByPhones(
          ctx.schoolId,
          records.map((r) => r.phone),
        )
      ).map((g) => [g.phone, g]),
    );
    const links = new Map<string, Map<string, { relationship: string; isPrimary: boolean }>>();
    for (const l of await repo.linksOfGuardians(
      ctx.schoolId,
      [...existing.values()].map((g) => g.id),
    )) {
      const m = links.get(l.guardianId) ?? new Map();
      m.set(l.studentId, { relationship: l.relationship, isPrimary: l.isPrimary });
      links.set(l.guardianId, m);
    }
    type Pending = {
      record: GuardianRecord;
      next: GuardianWrite;
      diff: ReturnType<typeof changedFields>;
      linkChanges: { studentId: string; sectorId: string }[];
      id: string | null;
      created: boolean;
    };
    const pending: Pending[] = [];
    const writes: GuardianWrite[] = [];
    for (const record of records) {
      const before = existing.get(record.phone);
      const next: GuardianWrite = {
        phone: record.phone,
        fullName: record.fullName,
        email: record.email,
        citizenId: record.citizenId,
        occupation: record.occupation,
        address: record.address,
      };
      const diff = before ? changedFields(before, next) : null;
      const current = before ? links.get(before.id) : undefined;
      const relationship = record.relationship ?? 'other';
      const linkChanges = record.children.filter((c) => {
        const l = current?.get(c.studentId);
        return !l || l.relationship !== relationship || l.isPrimary !== record.isPrimary;
      });
      if (before && !diff && linkChanges.length === 0) {
        counts.unchanged++;
        continue;
      }
      if (!before || diff) writes.push(next);
      pending.push({ record, next, diff, linkChanges, id: before?.id ?? null, created: !before });
    }
    const written = new Map((await repo.upsertGuardians(ctx.schoolId, writes)).map((w) => [w.key, w]));
    const linkRows: { studentId: string; guardianId: string; relationship: string; isPrimary: boolean }[] =
      [];
    const entries: AuditRecord[] = [];
    for (const p of pending) {
      const w = written.get(p.record.phone);
      const id = w?.id ?? p.id;
      if (!id) continue;
      for (const c of p.linkChanges)
        linkRows.push({
          studentId: c.studentId,
          guardianId: id,
          relationship: p.record.relationship ?? 'other',
          isPrimary: p.record.isPrimary,
        });
      const children = p.linkChanges.map((c) => c.sectorId);
      if (p.created) {
        counts.created++;
        entries.push({
          schoolId: ctx.schoolId,
          action: 'create',
          entity: 'guardian',
          entityId: id,
          after: { ...p.next, children, relationship: p.record.relationship, isPrimary: p.record.isPrimary },
        });
      } else {
        counts.updated++;
        entries.push({
          schoolId: ctx.schoolId,
          action: 'update',
          entity: 'guardian',
          entityId: id,
          before: p.diff?.before ?? {},
          after: {
            ...(p.diff?.after ?? {}),
            ...(children.length
              ? { children, relationship: p.record.relationship, isPrimary: p.record.isPrimary }
              : {}),
          },
        });
      }
    }
    await repo.upsertLinks(ctx.schoolId, linkRows);
    await ctx.audit.record(ctx.tx, ctx.actor, entries);
  });
}

// ---- staff (cán bộ, giáo viên, nhân viên): upsert by staff code

function staffWriter(ctx: WriterContext): RecordWriter<StaffRecord> {
  const repo = createImportsRepository(ctx.tx);
  return batcher(async (records, counts) => {
    const existing = new Map(
      (
        await repo.staffByCodes(
          ctx.schoolId,
          records.map((r) => r.staffCode),
        )
      ).map((s) => [s.staffCode, s]),
    );
    const pending = new Map<string, { next: StaffWrite; diff: ReturnType<typeof changedFields> }>();
    const writes: StaffWrite[] = [];
    for (const r of records) {
      const before = existing.get(r.staffCode);
      const next: StaffWrite = { ...r };
      const diff = before ? changedFields(before, next) : null;
      if (before && !diff) {
        counts.unchanged++;
        continue;
      }
      pending.set(r.staffCode, { next, diff });
      writes.push(next);
    }
    const entries: AuditRecord[] = [];
    for (const w of await repo.upsertStaff(ctx.schoolId, writes)) {
      const p = pending.get(w.key);
      if (!p) continue;
      pending.delete(w.key);
      if (w.inserted) counts.created++;
      else counts.updated++;
      entries.push({
        schoolId: ctx.schoolId,
        action: w.inserted ? 'create' : 'update',
        entity: 'staff',
        entityId: w.id,
        ...(w.inserted ? { after: p.next } : { before: p.diff?.before, after: p.diff?.after }),
      });
    }
    counts.unchanged += pending.size;
    await ctx.audit.record(ctx.tx, ctx.actor, entries);
  });
}

// ---- classes (lớp học) of the current school year: upsert by name

function classWriter(ctx: WriterContext, existingClasses: ClassRow[], keyOf: (name: string) => string) {
  const repo = createImportsRepository(ctx.tx);
  const byKey = new Map(existingClasses.map((c) => [keyOf(c.name), c]));
  return batcher<ClassRecord>(async (records, counts) => {
    if (!ctx.schoolYearId) throw new Error('no current school year');
    const pending = new Map<string, { next: ClassWrite; diff: ReturnType<typeof changedFields> }>();
    const writes: ClassWrite[] = [];
    for (const r of records) {
      const before = byKey.get(keyOf(r.name));
      const next: ClassWrite = {
        schoolYearId: ctx.schoolYearId,
        name: before?.name ?? r.name,
        grade: r.grade,
        room: r.room,
        homeroomTeacherId: r.homeroomTeacherId,
        isSmart: r.isSmart,
      };
      const diff = before ? changedFields(before, next) : null;
      if (before && !diff) {
        counts.unchanged++;
        continue;
      }
      pending.set(String(next.name), { next, diff });
      writes.push(next);
    }
    const entries: AuditRecord[] = [];
    for (const w of await repo.upsertClasses(ctx.schoolId, writes)) {
      const p = pending.get(w.key);
      if (!p) continue;
      pending.delete(w.key);
      if (w.inserted) counts.created++;
      else counts.updated++;
      entries.push({
        schoolId: ctx.schoolId,
        action: w.inserted ? 'create' : 'update',
        entity: 'class',
        entityId: w.id,
        ...(w.inserted ? { after: p.next } : { before: p.diff?.before, after: p.diff?.after }),
      });
    }
    counts.unchanged += pending.size;
    await ctx.audit.record(ctx.tx, ctx.actor, entries);
  });
}

/** The writer for one kind of import. */
export async function createRecordWriter(
  kind: ImportKind,
  ctx: WriterContext,
  classKeyOf: (name: string) => string,
): Promise<RecordWriter<unknown>> {
  switch (kind) {
    case 'students':
      return studentWriter(ctx) as RecordWriter<unknown>;
    case 'guardians':
      return guardianWriter(ctx) as RecordWriter<unknown>;
    case 'staff':
      return staffWriter(ctx) as RecordWriter<unknown>;
    case 'classes': {
      const repo = createImportsRepository(ctx.tx);
      const rows = ctx.schoolYearId ? await repo.classesOfYear(ctx.schoolId, ctx.schoolYearId) : [];
      return classWriter(ctx, rows, classKeyOf) as RecordWriter<unknown>;
    }
  }
}
