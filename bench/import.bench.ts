import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { LAI_CHAU_PILOT } from '@smartedu/db';
import { type Actor, createAccessRepository, createAccessService } from '../apps/server/src/modules/access';
import { createAuditRepository } from '../apps/server/src/modules/audit';
import { createImportsService } from '../apps/server/src/modules/imports';
import {
  type Bench,
  type BenchResult,
  collectGarbage,
  databaseServerCpu,
  freshDemoDatabase,
  MB,
  runChild,
  sampleLiveHeap,
  sampleMemory,
  timed,
} from './harness';

/**
 * Import benchmark: a generated 100,000-student workbook (shared strings and a date format, as Excel writes
 * them) is (a) read by ExcelJS's streaming reader alone, touching every row: the parsing floor; then (b)
 * validated and committed through the imports service into a fresh demo database; then (c) imported again,
 * which must change nothing. Generating the file and the floor run in child processes (bench/import.worker.ts)
 * so that they do not inflate the memory measured for the import.
 */

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const SCHOOL_CODE = 'LCU-TP-QT';
const TARGET_RATIO = 2;
const TARGET_MB = 300;
const WORKER = path.resolve(import.meta.dirname, 'import.worker.ts');

type FloorRun = { seconds: number; cpu: number; rows: number; peakRss: number };

export const importBench: Bench = {
  name: 'import',
  description: `Excel import of ${ROWS.toLocaleString('en-US')} students (validate + commit) against ExcelJS's streaming read of the same file`,
  async run(): Promise<BenchResult> {
    const dir = mkdtempSync(path.join(tmpdir(), 'smartedu-bench-'));
    const file = path.join(dir, 'hoc-sinh-100k.xlsx');
    const classNames = LAI_CHAU_PILOT.schools.find((s) => s.code === SCHOOL_CODE)!.classes.map((c) => c.name);
    try {
      const gen = await runChild<{ seconds: number }>(WORKER, [
        'generate',
        file,
        String(ROWS),
        classNames.join(','),
      ]);
      const sizeMb = statSync(file).size / MB;

      // (a) parsing floor, measured before and after the import; the faster run counts (the stricter ratio)
      const floorBefore = await runChild<FloorRun>(WORKER, ['floor', file]);

      // (b) validate + commit through the service, on a fresh demo database
      const { database, kind, dispose } = await freshDemoDatabase();
      try {
        const [school] = await database.execute<{ id: string; name: string; path: string }>(
          'select id, name, path from units where code = $1',
          [SCHOOL_CODE],
        );
        const actor: Actor = {
          userId: '00000000-0000-0000-0000-000000000000',
          username: 'bench',
          fullName: 'Benchmark',
          locale: 'vi',
          roles: [{ role: 'school_admin', unitId: school.id, unitName: school.name, unitPath: school.path }],
          staffId: null,
          guardianId: null,
          studentId: null,
          homeUnitId: school.id,
          via: 'system',
        };
        const imports = createImportsService({
          database,
          access: createAccessService(createAccessRepository(database.db)),
          audit: createAuditRepository(),
          dataDir: dir,
        });
        const upload = () =>
          imports.upload(actor, school.id, 'students', {
            fileName: path.basename(file),
            stream: createReadStream(file),
          });

        collectGarbage();
        const baselineRss = process.memoryUsage().rss;
        const mem = sampleMemory();
        const db0 = await databaseServerCpu(database);
        const validate = await timed(upload);
        const db1 = await databaseServerCpu(database);
        const validatePeak = mem.stop();
        const commitMem = sampleMemory();
        const commit = await timed(() => imports.commit(actor, school.id, validate.value.id, 'all'));
        const commitPeak = commitMem.stop();
        const db2 = await databaseServerCpu(database);
        const job = commit.value;
        if (job.created !== ROWS || validate.value.errorRows !== 0)
          throw new Error(
            `unexpected import result: ${JSON.stringify({ ...job, errors: job.errors.slice(0, 3) })}`,
          );

        // (c) the same file again: nothing may change (live heap sampled here, with a forced GC per sample)
        const live = sampleLiveHeap(2000);
        const again = await timed(async () => {
          const j = await upload();
          return imports.commit(actor, school.id, j.id, 'all');
        });
        const livePeak = live.stop();
        if (again.value.unchanged !== ROWS)
          throw new Error(`re-import changed rows: ${JSON.stringify(again.value)}`);

        const floorAfter = await runChild<FloorRun>(WORKER, ['floor', file]);
        const floor = floorAfter.seconds < floorBefore.seconds ? floorAfter : floorBefore;
        const other = floor === floorAfter ? floorBefore : floorAfter;
        const total = validate.seconds + commit.seconds;
        const totalCpu = validate.cpu + commit.cpu;
        const ratio = total / floor.seconds;
        const peakRss = Math.max(validatePeak.peakRss, commitPeak.peakRss);
        const peakHeap = Math.max(validatePeak.peakHeap, commitPeak.peakHeap);
        const growth = (peakRss - baselineRss) / MB;
        const pglite = kind === 'pglite';
        return {
          name: 'import',
          description: importBench.description,
          metrics: [
            { label: 'workbook size', value: sizeMb, unit: 'MB' },
            { label: 'generate workbook (streaming writer)', value: gen.seconds, unit: 's' },
            { label: '(a) ExcelJS streaming read (floor)', value: floor.seconds, unit: 's' },
            { label: '(a) floor, other run', value: other.seconds, unit: 's' },
            { label: '(a) floor CPU', value: floor.cpu, unit: 's' },
            { label: '(a) floor rows/s', value: Math.round(floor.rows / floor.seconds), unit: 'rows/s' },
            { label: '(a) floor peak RSS (own process)', value: floor.peakRss / MB, unit: 'MB' },
            { label: '(b) validate (upload → report)', value: validate.seconds, unit: 's' },
            { label: '(b) commit (one transaction)', value: commit.seconds, unit: 's' },
            { label: '(b) import total', value: total, unit: 's' },
            { label: '(b) import rows/s', value: Math.round(ROWS / total), unit: 'rows/s' },
            {
              label: 'ratio import / floor',
              value: ratio,
              unit: '×',
              target: `≤ ${TARGET_RATIO}`,
              ok: ratio <= TARGET_RATIO,
            },
            { label: 'ratio validate / floor', value: validate.seconds / floor.seconds, unit: '×' },
            { label: '(b) import CPU (this process)', value: totalCpu, unit: 's' },
            { label: 'CPU ratio import / floor', value: totalCpu / floor.cpu, unit: '×' },
            { label: 'CPU ratio validate / floor', value: validate.cpu / floor.cpu, unit: '×' },
            ...(db0 !== null && db1 !== null && db2 !== null
              ? [
                  { label: '(b) database server CPU, validate', value: db1 - db0, unit: 's' },
                  { label: '(b) database server CPU, commit', value: db2 - db1, unit: 's' },
                ]
              : []),
            { label: '(b) RSS before import (db open, seeded)', value: baselineRss / MB, unit: 'MB' },
            { label: '(b) peak RSS during validate', value: validatePeak.peakRss / MB, unit: 'MB' },
            { label: '(b) peak RSS during commit', value: commitPeak.peakRss / MB, unit: 'MB' },
            {
              label: '(b) import memory: peak RSS − RSS before',
              value: growth,
              unit: 'MB',
              target: `< ${TARGET_MB}`,
              ok: growth < TARGET_MB,
            },
            ...(pglite
              ? []
              : [
                  {
                    label: '(b) peak RSS of the process',
                    value: peakRss / MB,
                    unit: 'MB',
                    target: `< ${TARGET_MB}`,
                    ok: peakRss / MB < TARGET_MB,
                  },
                ]),
            { label: '(b) peak heapUsed', value: peakHeap / MB, unit: 'MB' },
            {
              label: '(c) re-import, all unchanged (with live-heap sampling)',
              value: again.seconds,
              unit: 's',
            },
            { label: '(c) live heap (after full GC), peak', value: livePeak / MB, unit: 'MB' },
          ],
          notes: [
            `database: ${pglite ? 'PGlite in memory (same process)' : 'PostgreSQL (DATABASE_URL)'}`,
            `committed: ${job.created} created, ${job.updated} updated; re-import: ${again.value.unchanged} unchanged`,
            pglite
              ? 'PGlite runs inside this process: its WASM heap (~700 MB from the start) and the rows it stores count in RSS and CPU, so the memory target is checked on the growth during the import; run with DATABASE_URL for the importer alone.'
              : 'The database server is another process: RSS is the importer alone; CPU excludes the server.',
            'commit writes students, enrolments and one audit entry per student (bulk audit path) in batches of 1,000 inside one transaction, the next batch validated while the database writes the previous one.',
            `load average at the end: ${loadavg()
              .map((l) => l.toFixed(1))
              .join(
                ' ',
              )} on ${cpus().length} CPUs (wall-clock times are inflated on a shared machine; CPU ratios are steadier)`,
          ],
        };
      } finally {
        await dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
