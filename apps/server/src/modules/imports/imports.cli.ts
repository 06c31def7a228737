import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { type ImportJob, ImportKind } from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import type { Config } from '../../config';
import { openMigratedDatabase } from '../../database';
import { AppError } from '../../errors';
import { type Actor, createAccessRepository, createAccessService } from '../access';
import { createAuditRepository } from '../audit';
import { createImportsRepository } from './imports.repository';
import { createImportsService } from './imports.service';

/** `smartedu import` / `smartedu export`: the same use cases as the API, run as a system actor of one school. */

function parseKind(kind: string) {
  const parsed = ImportKind.safeParse(kind);
  if (!parsed.success)
    throw new Error(`Loại dữ liệu không hợp lệ: ${kind} (students | guardians | staff | classes)`);
  return parsed.data;
}

/** A system actor with the school admin role of one school: what the CLI (and the benchmarks) import as. */
export function systemSchoolAdmin(
  school: { id: string; name: string; path: string },
  who: { username: string; fullName: string },
): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    ...who,
    locale: 'vi',
    roles: [{ role: 'school_admin', unitId: school.id, unitName: school.name, unitPath: school.path }],
    staffId: null,
    guardianId: null,
    studentId: null,
    homeUnitId: school.id,
    via: 'system',
  };
}

async function open(config: Config, schoolCode: string) {
  const database = await openMigratedDatabase(config);
  try {
    const school = await createImportsRepository(database.db).schoolByCode(schoolCode);
    if (school?.kind !== 'school') throw new Error(`Không tìm thấy trường mã ${schoolCode}`);
    const actor = systemSchoolAdmin(school, { username: 'cli', fullName: 'Dòng lệnh (CLI)' });
    const service = createImportsService({
      database,
      access: createAccessService(createAccessRepository(database.db)),
      audit: createAuditRepository(),
      dataDir: config.dataDir,
    });
    return { database, school, actor, service };
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function withDatabase<T>(database: Database, fn: () => Promise<T>) {
  try {
    return await fn();
  } finally {
    await database.close();
  }
}

export async function importCommand(
  config: Config,
  kind: string,
  file: string,
  o: { school: string; mode: 'all' | 'valid' },
) {
  const k = parseKind(kind);
  if (o.mode !== 'all' && o.mode !== 'valid') throw new Error(`--mode phải là 'all' hoặc 'valid'`);
  const { database, school, actor, service } = await open(config, o.school);
  return withDatabase(database, async () => {
    // One pass: rows are written as they are validated; a refused file is rolled back whole.
    let done: ImportJob;
    try {
      done = await service.importFile(
        actor,
        school.id,
        k,
        { fileName: path.basename(file), stream: createReadStream(file) },
        o.mode,
      );
    } catch (err) {
      const jobId =
        err instanceof AppError ? (err.details as { jobId?: string } | undefined)?.jobId : undefined;
      if (!jobId) throw err;
      const job = await service.discard(actor, school.id, jobId);
      report(job);
      throw new Error(`${(err as AppError).message}. Không ghi dòng nào.`);
    }
    report(done);
    console.log(
      `Đã ghi vào ${school.name}: ${done.created} thêm mới, ${done.updated} cập nhật, ${done.unchanged} không đổi.`,
    );
    return done;
  });
}

/** The validation report of a job: counts and the first errors (row, column, reason). */
function report(job: ImportJob) {
  console.log(
    `Đã kiểm tra ${job.fileName}: ${job.totalRows} dòng, ${job.validRows} hợp lệ, ${job.errorRows} có lỗi.`,
  );
  for (const e of job.errors.slice(0, 50)) console.log(`  [${e.code}] ${e.message}`);
  if (job.errors.length > 50) console.log(`  … và ${job.errors.length - 50} lỗi khác`);
}

export async function exportCommand(config: Config, kind: string, file: string, o: { school: string }) {
  const k = parseKind(kind);
  const { database, school, actor, service } = await open(config, o.school);
  return withDatabase(database, async () => {
    const { write } = await service.prepareExport(actor, k, { schoolId: school.id });
    const out = createWriteStream(file);
    await write(out);
    await finished(out);
    console.log(`Đã xuất ${k} của ${school.name} ra ${file}.`);
  });
}
