import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAI_CHAU_PILOT, seedDemo, seedReference } from '@smartedu/db';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type Config, loadConfig } from '../../config';
import { openMigratedDatabase } from '../../database';
import { exportCommand, importCommand } from './imports.cli';
import { buildWorkbook, STUDENT_HEADERS } from './test-workbooks';

let dir: string;
let config: Config;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'smartedu-cli-'));
  // PGlite in the temp data directory, as `smartedu` runs without DATABASE_URL
  config = loadConfig({ SMARTEDU_DATA_DIR: dir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  const database = await openMigratedDatabase(config);
  await seedReference(database.db);
  await seedDemo(database.db, { hashPassword: async () => 'not-a-login-test' });
  await database.close();
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

it('exports a school’s students and re-imports the file with no change', async () => {
  const file = path.join(dir, 'hoc-sinh.xlsx');
  await exportCommand(config, 'students', file, { school: 'LCU-TP-QT' });
  expect(existsSync(file)).toBe(true);
  const job = await importCommand(config, 'students', file, { school: 'LCU-TP-QT', mode: 'all' });
  const students = LAI_CHAU_PILOT.schools.find((s) => s.code === 'LCU-TP-QT')!.students;
  expect(job).toMatchObject({
    status: 'committed',
    created: 0,
    updated: 0,
    unchanged: students,
    errorRows: 0,
  });
  // the validated copy is removed once committed; the upload itself is kept with the job
  expect(readdirSync(path.join(dir, 'uploads')).filter((f) => f.endsWith('.ndjson'))).toEqual([]);
});

it("refuses a file with errors in mode 'all' and imports its valid rows in mode 'valid'", async () => {
  const file = path.join(dir, 'moi.xlsx');
  writeFileSync(
    file,
    await buildWorkbook({
      rows: [
        STUDENT_HEADERS,
        ['1299999991', 'Lò Thị Xuân', '03/03/2012', 'Nữ', 'Thái', '6A1'],
        ['1299999992', 'Lò Văn Hạ', '30/02/2012', 'Nam', 'Thái', '6A1'],
      ],
    }),
  );
  await expect(importCommand(config, 'students', file, { school: 'LCU-TP-QT', mode: 'all' })).rejects.toThrow(
    /không ghi dòng nào/,
  );
  const job = await importCommand(config, 'students', file, { school: 'LCU-TP-QT', mode: 'valid' });
  expect(job).toMatchObject({ created: 1, validRows: 1, errorRows: 1 });
  await expect(importCommand(config, 'pupils', file, { school: 'LCU-TP-QT', mode: 'valid' })).rejects.toThrow(
    /Loại dữ liệu/,
  );
  await expect(importCommand(config, 'students', file, { school: 'NOPE', mode: 'valid' })).rejects.toThrow(
    /Không tìm thấy trường/,
  );
});
