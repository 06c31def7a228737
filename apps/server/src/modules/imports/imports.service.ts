import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ImportJob, ImportKind, ImportRowError, Permission } from '@smartedu/contracts';
import type { Database, Queryable } from '@smartedu/db';
import { AppError, notFound } from '../../errors';
import type { AccessService, Actor } from '../access';
import type { AuditRepository } from '../audit';
import { CLASS_SPEC } from './class-row';
import { GUARDIAN_SPEC } from './guardian-row';
import {
  GENDERS,
  ORPHAN,
  POVERTY,
  QUALIFICATIONS,
  RELATIONSHIPS,
  STAFF_CATEGORIES,
  STAFF_POSITIONS,
  STAFF_STATUSES,
  YES_NO,
} from './import-choices';
import { type RecordSink, type ValidationResult, validateSpill, validateWorkbook } from './import-pipeline';
import { classKey, type KindSpec, type Lookups } from './import-spec';
import { createRecordWriter } from './import-writers';
import {
  type ClassExportQuery,
  classExportWhere,
  createImportsRepository,
  type GuardianExportQuery,
  guardianExportWhere,
  type ImportJobRow,
  type StaffExportQuery,
  type StudentExportQuery,
  staffExportWhere,
  studentExportWhere,
} from './imports.repository';
import { buildTemplate, createExportWriter, type ExportValue, isoToExcelDate } from './imports.template';
import { checkXlsxContainer } from './sheet-reader';
import { STAFF_SPEC } from './staff-row';
import { STUDENT_SPEC } from './student-row';

export type ImportServiceDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  /** Uploads are kept under `${dataDir}/uploads` between validation and commit. */
  dataDir: string;
};

export const SPECS: { [K in ImportKind]: KindSpec<unknown> } = {
  students: STUDENT_SPEC as KindSpec<unknown>,
  guardians: GUARDIAN_SPEC as KindSpec<unknown>,
  staff: STAFF_SPEC as KindSpec<unknown>,
  classes: CLASS_SPEC as KindSpec<unknown>,
};

/** Sheet-level codes: kept from validation when commit re-validates rows from the validated copy. */
const SHEET_CODES = new Set([
  'MISSING_COLUMN',
  'DUPLICATE_COLUMN',
  'MERGED_HEADER',
  'MERGED_CELLS',
  'EMPTY_SHEET',
]);

const READ_PERMISSION: { [K in ImportKind]: Permission } = {
  students: 'students.read',
  guardians: 'guardians.read',
  staff: 'staff.read',
  classes: 'classes.read',
};

const FILE_NAMES: { [K in ImportKind]: string } = {
  students: 'hoc-sinh',
  guardians: 'phu-huynh',
  staff: 'can-bo',
  classes: 'lop-hoc',
};

export type ExportQuery = StudentExportQuery & GuardianExportQuery & StaffExportQuery & ClassExportQuery;

const today = () => new Date().toISOString().slice(0, 10);
const spillPathOf = (storedPath: string) => `${storedPath}.rows.ndjson`;

/** Thrown inside the commit transaction when re-validation forbids the commit: rolls everything back. */
class CommitRefused extends Error {
  constructor(
    readonly code: 'IMPORT_HAS_ERRORS' | 'IMPORT_SHEET_INVALID' | 'IMPORT_NO_VALID_ROWS',
    readonly summary: { totalRows: number; validRows: number; errorRows: number; errors: ImportRowError[] },
  ) {
    super(code);
  }
}

/**
 * The 409 for a refused write pass, with the job that now holds the report. After a separate validation the
 * rows were fine then, so an error now means the data changed in between.
 */
function refusal(err: CommitRefused, job: ImportJob, afterValidation: boolean) {
  const { errorRows } = err.summary;
  const message =
    err.code === 'IMPORT_SHEET_INVALID'
      ? 'Trang tính không đọc được (thiếu cột hoặc có ô gộp): không ghi dòng nào'
      : err.code === 'IMPORT_NO_VALID_ROWS'
        ? 'Tệp không có dòng hợp lệ nào để ghi'
        : afterValidation
          ? `Dữ liệu đã thay đổi từ lúc kiểm tra: tệp có ${errorRows} dòng lỗi, không ghi dòng nào`
          : `Tệp có ${errorRows} dòng lỗi nên không ghi dòng nào: sửa lỗi rồi nhập lại, hoặc chỉ ghi các dòng hợp lệ`;
  return new AppError(err.code, message, { errorRows, jobId: job.id }, 409);
}

/** A failure of the writer (the database), carried through the workbook reader untouched. */
class WriteFailure extends Error {
  constructor(readonly failure: unknown) {
    super('write failed');
  }
}

/** The sink with its failures marked, so that `readable` does not mistake them for a damaged file. */
const markWriteFailures =
  (sink: RecordSink<unknown>): RecordSink<unknown> =>
  (record, row) =>
    sink(record, row)?.catch((err: unknown) => {
      throw new WriteFailure(err);
    });

/** Runs a workbook read, turning a reader's failure on a damaged file into UNSUPPORTED_FILE. */
async function readable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof WriteFailure) throw err.failure;
    const code = (err as { code?: string }).code;
    if (err instanceof AppError || err instanceof CommitRefused || code === 'ENOSPC' || code === 'EACCES')
      throw err;
    throw new AppError(
      'UNSUPPORTED_FILE',
      'Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc sai định dạng',
    );
  }
}

export function toImportJob(row: ImportJobRow): ImportJob {
  return {
    id: row.id,
    schoolId: row.schoolId,
    kind: row.kind as ImportKind,
    fileName: row.fileName,
    status: row.status as ImportJob['status'],
    totalRows: row.totalRows,
    validRows: row.validRows,
    errorRows: row.errorRows,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    errors: row.errors as ImportRowError[],
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt ? row.committedAt.toISOString() : null,
  };
}

/**
 * Streams an upload to disk, computing its SHA-256 and refusing anything that is not a zip (xlsx) container.
 */
async function storeUpload(source: Readable, target: string) {
  const hash = createHash('sha256');
  let head: Buffer = Buffer.alloc(0);
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
      if (
        head.length >= 4 &&
        !(head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
      ) {
        done(unsupportedFile(head));
        return;
      }
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(source, tap, createWriteStream(target));
  if (bytes < 4) throw unsupportedFile(head);
  return { sha256: hash.digest('hex'), bytes };
}

function unsupportedFile(head: Buffer) {
  const oldExcel = head[0] === 0xd0 && head[1] === 0xcf;
  return new AppError(
    'UNSUPPORTED_FILE',
    oldExcel
      ? 'Tệp Excel 97-2003 (.xls) không được hỗ trợ, hãy lưu lại dạng .xlsx rồi tải lên'
      : 'Tệp không đúng định dạng Excel (.xlsx)',
  );
}

export function createImportsService({ database, access, audit, dataDir }: ImportServiceDeps) {
  const repo = createImportsRepository(database.db);
  const uploadsDir = path.join(dataDir, 'uploads');

  async function requireSchool(actor: Actor, schoolId: string) {
    await access.require(actor, 'imports.run', { schoolId });
    const school = await repo.school(schoolId);
    if (school?.kind !== 'school') throw notFound('trường');
    return school;
  }

  async function loadJob(schoolId: string, id: string) {
    const job = await repo.getJob(schoolId, id);
    if (!job) throw notFound('lượt nhập dữ liệu');
    return job;
  }

  /** Stores an upload under a new job id, refusing anything that is not an intact xlsx (zip) container. */
  async function receive(stream: Readable) {
    await mkdir(uploadsDir, { recursive: true });
    const id = randomUUID();
    const storedPath = path.join(uploadsDir, `${id}.xlsx`);
    try {
      const { sha256 } = await storeUpload(stream, storedPath);
      const damaged = await checkXlsxContainer(storedPath);
      if (damaged) throw new AppError('UNSUPPORTED_FILE', damaged);
      return { id, storedPath, sha256 };
    } catch (err) {
      await rm(storedPath, { force: true });
      throw err;
    }
  }

  /** The new job's row for a received upload (what both the two-step and the one-pass import store). */
  function jobRowOf(
    actor: Actor,
    schoolId: string,
    kind: ImportKind,
    received: { id: string; storedPath: string; sha256: string },
    fileName: string,
  ) {
    return {
      schoolId,
      id: received.id,
      kind,
      fileName: fileName.slice(0, 255) || `${kind}.xlsx`,
      storedPath: path.relative(dataDir, received.storedPath),
      fileSha256: received.sha256,
      createdBy: actor.via === 'system' ? null : actor.userId,
    };
  }

  /**
   * One pass of validated rows into the registry, inside the caller's transaction: each valid record goes to
   * the kind's writer as the rows stream by; a sheet that cannot be read, or an error row when the mode is
   * 'all', throws CommitRefused (the caller's transaction rolls back). Ends with the import's own audit entry.
   */
  async function writePass(
    tx: Queryable,
    o: {
      actor: Actor;
      schoolId: string;
      kind: ImportKind;
      mode: 'all' | 'valid';
      jobId: string;
      fileName: string;
      sha256: string;
      keptErrors: ImportRowError[];
      read: (lookups: Lookups, onRecord: RecordSink<unknown>) => Promise<ValidationResult>;
    },
  ) {
    const txRepo = createImportsRepository(tx);
    const day = today();
    const lookups = await txRepo.lookups(o.schoolId, o.kind, day);
    const year = await txRepo.currentSchoolYear();
    if (o.kind === 'classes' && !year)
      throw new AppError('NO_CURRENT_SCHOOL_YEAR', 'Chưa có năm học hiện tại', undefined, 409);
    const writer = await createRecordWriter(
      o.kind,
      { tx, audit, actor: o.actor, schoolId: o.schoolId, today: day, schoolYearId: year?.id ?? null },
      classKey,
    );
    const summary = await o.read(lookups, writer.add);
    const errors = [...o.keptErrors, ...summary.errors];
    if (!summary.usable) throw new CommitRefused('IMPORT_SHEET_INVALID', { ...summary, errors });
    if (o.mode === 'all' && (summary.errorRows > 0 || errors.length > 0))
      throw new CommitRefused('IMPORT_HAS_ERRORS', { ...summary, errors });
    if (summary.validRows === 0) throw new CommitRefused('IMPORT_NO_VALID_ROWS', { ...summary, errors });
    await writer.flush();
    const counts = writer.counts;
    await audit.record(tx, o.actor, {
      schoolId: o.schoolId,
      action: 'import',
      entity: 'import_job',
      entityId: o.jobId,
      after: {
        kind: o.kind,
        mode: o.mode,
        fileName: o.fileName,
        sha256: o.sha256,
        totalRows: summary.totalRows,
        skippedRows: summary.errorRows,
        ...counts,
      },
    });
    return {
      totalRows: summary.totalRows,
      validRows: summary.validRows,
      errorRows: summary.errorRows,
      errors,
      ...counts,
    };
  }

  return {
    /**
     * Stores an upload and validates it. Nothing is written to the registry: the job keeps the counts and
     * the first errors (row, column, reason) until the user commits or discards it.
     */
    async upload(
      actor: Actor,
      schoolId: string,
      kind: ImportKind,
      file: { fileName: string; stream: Readable },
    ): Promise<ImportJob> {
      await requireSchool(actor, schoolId);
      const { id, storedPath, sha256 } = await receive(file.stream);
      const spillPath = spillPathOf(storedPath);
      try {
        const lookups = await repo.lookups(schoolId, kind, today());
        const summary = await readable(() =>
          validateWorkbook(SPECS[kind], lookups, storedPath, { spillTo: spillPath }),
        );
        const job = await repo.insertJob({
          ...jobRowOf(actor, schoolId, kind, { id, storedPath, sha256 }, file.fileName),
          status: 'validated',
          totalRows: summary.totalRows,
          validRows: summary.validRows,
          errorRows: summary.errorRows,
          errors: summary.errors,
        });
        return toImportJob(job);
      } catch (err) {
        await rm(storedPath, { force: true });
        await rm(spillPath, { force: true });
        throw err;
      }
    },

    /**
     * Nhập trực tiếp: validates and writes in ONE pass over the workbook, for the CLI and integrations that do
     * not review a report first. Rows are written as they are validated (on PostgreSQL the database writes one
     * batch while the next is parsed) inside one transaction; a file that turns out to have an error row
     * ('all') or an unreadable sheet is rolled back whole and kept as a validated job with its report, so the
     * user can still fix it or commit its valid rows through the two-step path.
     */
    async importFile(
      actor: Actor,
      schoolId: string,
      kind: ImportKind,
      file: { fileName: string; stream: Readable },
      mode: 'all' | 'valid',
    ): Promise<ImportJob> {
      await requireSchool(actor, schoolId);
      const received = await receive(file.stream);
      const { id, storedPath, sha256 } = received;
      const jobRow = jobRowOf(actor, schoolId, kind, received, file.fileName);
      const { fileName } = jobRow;
      try {
        const committed = await database.transaction(async (tx) => {
          const pass = await writePass(tx, {
            actor,
            schoolId,
            kind,
            mode,
            jobId: id,
            fileName,
            sha256,
            keptErrors: [],
            read: (lookups, onRecord) =>
              readable(() =>
                validateWorkbook(SPECS[kind], lookups, storedPath, { onRecord: markWriteFailures(onRecord) }),
              ),
          });
          return createImportsRepository(tx).insertJob({
            ...jobRow,
            status: 'committed',
            ...pass,
            committedAt: new Date(),
          });
        });
        return toImportJob(committed); // the workbook stays with the job, as after a two-step commit
      } catch (err) {
        if (err instanceof CommitRefused) {
          // The report stays as a validated job (the file too: its valid rows can still be committed).
          const { totalRows, validRows, errorRows, errors } = err.summary;
          const job = await repo.insertJob({
            ...jobRow,
            status: 'validated',
            totalRows,
            validRows,
            errorRows,
            errors,
          });
          throw refusal(err, toImportJob(job), false);
        }
        await rm(storedPath, { force: true });
        throw err;
      }
    },

    async get(actor: Actor, schoolId: string, id: string): Promise<ImportJob> {
      await access.require(actor, 'imports.run', { schoolId });
      return toImportJob(await loadJob(schoolId, id));
    },

    async list(actor: Actor, schoolId: string, page: { page: number; pageSize: number }) {
      await access.require(actor, 'imports.run', { schoolId });
      const r = await repo.listJobs(schoolId, {
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      });
      // A list shows each job's first errors only; GET one job for the full report.
      return {
        total: r.total,
        items: r.items.map((row) => {
          const job = toImportJob(row);
          return { ...job, errors: job.errors.slice(0, 10) };
        }),
      };
    },

    /**
     * Writes the job's rows: 'all' only when no row has an error, 'valid' the valid rows only. The stored rows
     * are re-validated against the current data, and written in batches inside ONE transaction, so the
     * database holds all the committed rows or none.
     */
    async commit(actor: Actor, schoolId: string, id: string, mode: 'all' | 'valid'): Promise<ImportJob> {
      await requireSchool(actor, schoolId);
      const job = await loadJob(schoolId, id);
      const kind = job.kind as ImportKind;
      const jobErrors = job.errors as ImportRowError[];
      if (job.status === 'committed')
        throw new AppError('IMPORT_ALREADY_COMMITTED', 'Tệp này đã được ghi vào hệ thống', undefined, 409);
      if (job.status === 'discarded')
        throw new AppError(
          'IMPORT_DISCARDED',
          'Lượt nhập này đã bị huỷ, hãy tải tệp lên lại',
          undefined,
          409,
        );
      if (mode === 'all' && (job.errorRows > 0 || jobErrors.length > 0))
        throw new AppError(
          'IMPORT_HAS_ERRORS',
          `Tệp còn ${job.errorRows || jobErrors.length} dòng lỗi: sửa lỗi rồi tải lên lại, hoặc chỉ ghi các dòng hợp lệ`,
          { errorRows: job.errorRows },
          409,
        );
      if (job.validRows === 0)
        throw new AppError('IMPORT_NO_VALID_ROWS', 'Tệp không có dòng hợp lệ nào để ghi', undefined, 409);

      const storedPath = path.resolve(dataDir, job.storedPath);
      const spillPath = spillPathOf(storedPath);
      const fromSpill = existsSync(spillPath);
      if (!fromSpill && !existsSync(storedPath))
        throw new AppError(
          'IMPORT_FILE_MISSING',
          'Không còn tệp đã tải lên, hãy tải lên lại',
          undefined,
          409,
        );
      const keptSheetErrors = fromSpill ? jobErrors.filter((e) => SHEET_CODES.has(e.code)) : [];
      const spec = SPECS[kind];
      try {
        const committed = await database.transaction(async (tx) => {
          const txRepo = createImportsRepository(tx);
          const locked = await txRepo.getJob(schoolId, id, true);
          if (!locked || locked.status === 'committed')
            throw new AppError(
              'IMPORT_ALREADY_COMMITTED',
              'Tệp này đã được ghi vào hệ thống',
              undefined,
              409,
            );
          const pass = await writePass(tx, {
            actor,
            schoolId,
            kind,
            mode,
            jobId: id,
            fileName: job.fileName,
            sha256: job.fileSha256,
            keptErrors: keptSheetErrors,
            read: (lookups, onRecord) =>
              fromSpill
                ? validateSpill(spec, lookups, spillPath, { onRecord })
                : validateWorkbook(spec, lookups, storedPath, { onRecord }),
          });
          return txRepo.updateJob(schoolId, id, { status: 'committed', ...pass, committedAt: new Date() });
        });
        await rm(spillPath, { force: true });
        return toImportJob(committed);
      } catch (err) {
        if (err instanceof CommitRefused) {
          const { totalRows, validRows, errorRows, errors } = err.summary;
          const updated = await repo.updateJob(schoolId, id, { totalRows, validRows, errorRows, errors });
          throw refusal(err, toImportJob(updated), true);
        }
        if (!(err instanceof AppError)) await repo.updateJob(schoolId, id, { status: 'failed' });
        throw err;
      }
    },

    /** Huỷ: deletes the stored file and marks the job discarded (a committed job stays as it is). */
    async discard(actor: Actor, schoolId: string, id: string): Promise<ImportJob> {
      await requireSchool(actor, schoolId);
      const job = await loadJob(schoolId, id);
      if (job.status === 'committed')
        throw new AppError('IMPORT_ALREADY_COMMITTED', 'Tệp này đã được ghi vào hệ thống', undefined, 409);
      const storedPath = path.resolve(dataDir, job.storedPath);
      await rm(storedPath, { force: true });
      await rm(spillPathOf(storedPath), { force: true });
      return toImportJob(await repo.updateJob(schoolId, id, { status: 'discarded' }));
    },

    /** Mẫu nhập: the kind's columns with dropdowns built from the school's classes and the reference lists. */
    async template(actor: Actor, schoolId: string, kind: ImportKind) {
      await requireSchool(actor, schoolId);
      const year = await repo.currentSchoolYear();
      const classRows = year ? await repo.classesOfYear(schoolId, year.id) : [];
      const ethnicityRows = await repo.ethnicityList();
      const buffer = await buildTemplate(SPECS[kind], {
        classes: classRows.map((c) => c.name),
        ethnicities: ethnicityRows.map((e) => e.name),
      });
      return { buffer, fileName: `mau-nhap-${FILE_NAMES[kind]}.xlsx` };
    },

    /**
     * Xuất Excel: the list endpoint's filters within the actor's read scope, in the template's columns. Checks
     * happen here; `write` then streams the workbook page by page.
     */
    async prepareExport(actor: Actor, kind: ImportKind, query: ExportQuery) {
      const scope = await access.scope(actor, READ_PERMISSION[kind]);
      const spec = SPECS[kind];
      const extra = query.schoolId ? [] : ['Trường'];
      const withSchool = (values: ExportValue[], schoolName: string) =>
        query.schoolId ? values : [...values, schoolName];
      const PAGE = 1000;
      const date = new Date().toISOString().slice(0, 10);

      async function write(out: Writable) {
        const writer = createExportWriter(spec, out, extra);
        switch (kind) {
          case 'students': {
            const where = studentExportWhere(scope, query);
            let after: { sortClass: string; fullName: string; id: string } | null = null;
            for (;;) {
              const rows = await repo.studentPage(where, after, PAGE);
              for (const s of rows)
                writer.addRow(
                  withSchool(
                    [
                      s.sectorId,
                      s.fullName,
                      isoToExcelDate(s.birthDate),
                      GENDERS.label(s.gender),
                      s.ethnicityName ?? s.ethnicityCode,
                      s.className,
                      s.citizenId,
                      s.disability,
                      POVERTY.label(s.poverty),
                      ORPHAN.label(s.orphan),
                      s.address,
                    ],
                    s.schoolName,
                  ),
                );
              if (rows.length < PAGE) break;
              const last = rows[rows.length - 1];
              after = { sortClass: last.sortClass, fullName: last.fullName, id: last.id };
              await yieldToEventLoop();
            }
            break;
          }
          case 'guardians': {
            const where = guardianExportWhere(scope, query);
            let after: { fullName: string; id: string } | null = null;
            for (;;) {
              const rows = await repo.guardianPage(where, after, PAGE);
              for (const g of rows)
                writer.addRow(
                  withSchool(
                    [
                      g.phone,
                      g.fullName,
                      g.children,
                      RELATIONSHIPS.label(g.relationship),
                      g.children ? YES_NO.label(g.isPrimary ? 'yes' : 'no') : null,
                      g.citizenId,
                      g.email,
                      g.occupation,
                      g.address,
                    ],
                    g.schoolName,
                  ),
                );
              if (rows.length < PAGE) break;
              const last = rows[rows.length - 1];
              after = { fullName: last.fullName, id: last.id };
              await yieldToEventLoop();
            }
            break;
          }
          case 'staff': {
            const where = staffExportWhere(scope, query);
            let after: { fullName: string; id: string } | null = null;
            for (;;) {
              const rows = await repo.staffPage(where, after, PAGE);
              for (const s of rows)
                writer.addRow(
                  withSchool(
                    [
                      s.staffCode,
                      s.fullName,
                      isoToExcelDate(s.birthDate),
                      GENDERS.label(s.gender),
                      s.ethnicityName,
                      s.citizenId,
                      STAFF_CATEGORIES.label(s.category),
                      STAFF_POSITIONS.label(s.position),
                      QUALIFICATIONS.label(s.qualification),
                      s.mainSubjectCode,
                      s.phone,
                      s.email,
                      STAFF_STATUSES.label(s.status),
                    ],
                    s.schoolName,
                  ),
                );
              if (rows.length < PAGE) break;
              const last = rows[rows.length - 1];
              after = { fullName: last.fullName, id: last.id };
              await yieldToEventLoop();
            }
            break;
          }
          case 'classes': {
            const where = classExportWhere(scope, query);
            let after: { grade: number; name: string; id: string } | null = null;
            for (;;) {
              const rows = await repo.classPage(where, after, PAGE);
              for (const c of rows)
                writer.addRow(
                  withSchool(
                    [c.name, c.grade, c.room, c.homeroomCode, YES_NO.label(c.isSmart ? 'yes' : 'no')],
                    c.schoolName,
                  ),
                );
              if (rows.length < PAGE) break;
              const last = rows[rows.length - 1];
              after = { grade: last.grade, name: last.name, id: last.id };
              await yieldToEventLoop();
            }
            break;
          }
        }
        await writer.finish();
      }
      return { fileName: `${FILE_NAMES[kind]}-${date}.xlsx`, write };
    },
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;
