import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import type { Bench, BenchResult, BenchRun } from './harness';
import { MB, sampleMemory, timed } from './harness';

/**
 * `npm run bench [-- name… | all] [--quick]`: runs the benchmarks the issues define (import, gradebook, exams,
 * operations; `soak` only when named, or with `all`), prints a table per benchmark and writes
 * bench/out/report.json and bench/out/report.md: a summary (time and peak memory of each benchmark, targets
 * met), the ratios against the baselines measured in the same run, the latency percentiles (p50/p95/p99) and
 * each benchmark's own metrics. `--quick` sets small sizes for every knob not set in the environment (a
 * proof that the benchmarks run, labelled as such in the report; not a measurement). `npm run bench:save`
 * copies the last report to docs/reports/. Add a benchmark as bench/<name>.bench.ts exporting a `Bench`, then
 * register it below.
 */

const QUICK: Record<string, string> = {
  BENCH_IMPORT_ROWS: '2000',
  BENCH_GRADEBOOK_STUDENTS: '800',
  EXAM_BENCH_STUDENTS: '100',
  EXAM_BENCH_SECONDS: '5',
  EXAM_BENCH_RATE: '20',
  EXAM_BENCH_START_SECONDS: '5',
  EXAM_BENCH_SATURATION_SECONDS: '2',
  EXAM_BENCH_CONCURRENCY: '4',
  BENCH_OPS_SCHOOLS: '2',
  BENCH_OPS_RUNS: '3',
  BENCH_SOAK_SECONDS: '40',
  BENCH_SOAK_WINDOW_SECONDS: '10',
  BENCH_SOAK_STUDENTS: '50',
  BENCH_SOAK_RATE: '10',
};
const KNOB = /^(BENCH_|EXAM_BENCH_)/;

/** The benchmarks, imported after the flags are applied (they read their sizes when loaded). */
async function registry(): Promise<{ standard: Bench[]; extra: Bench[] }> {
  const [{ importBench }, { gradebookBench }, { examsBench }, { operationsBench }, { soakBench }] =
    await Promise.all([
      import('./import.bench'),
      import('./gradebook.bench'),
      import('./exams.bench'),
      import('./operations.bench'),
      import('./soak.bench'),
    ]);
  return { standard: [importBench, gradebookBench, examsBench, operationsBench], extra: [soakBench] };
}

const format = (v: number) =>
  Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const fixed = (v: number) => v.toFixed(1);

function toTable(result: BenchResult): string[][] {
  return result.metrics.map((m) => [
    m.label,
    `${format(m.value)} ${m.unit}`.trim(),
    m.target ?? '',
    m.ok === undefined ? '' : m.ok ? 'ok' : 'MISSED',
  ]);
}

function printRows(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r: string[]) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

function printResult(result: BenchRun) {
  console.log(`\n== ${result.name}: ${result.description}`);
  printRows([['metric', 'value', 'target', ''], ...toTable(result)]);
  if (result.latencies?.length) {
    console.log('');
    printRows([
      ['latency (ms)', 'count', 'p50', 'p95', 'p99', 'max'],
      ...result.latencies.map((l) => [
        l.label,
        String(l.count),
        fixed(l.p50),
        fixed(l.p95),
        fixed(l.p99),
        fixed(l.max),
      ]),
    ]);
  }
  for (const n of result.notes) console.log(`  · ${n}`);
  console.log(`  · ${fixed(result.seconds)} s, peak RSS ${fixed(result.peakRssMb)} MB (bench process)`);
}

/** Metrics that compare with a baseline measured in the same run. */
const isRatio = (m: { label: string; unit: string }) => m.unit === '×' || /\bratio\b|speed-up/i.test(m.label);

function toMarkdown(results: BenchRun[], meta: Record<string, string>): string {
  const out = ['# SmartEdu benchmarks', ''];
  for (const [k, v] of Object.entries(meta)) out.push(`- ${k}: ${v}`);
  out.push(
    '',
    '## Summary',
    '',
    '| benchmark | time (s) | peak RSS (MB) | peak heapUsed (MB) | targets met | missed |',
    '|---|---:|---:|---:|---:|---|',
  );
  for (const r of results) {
    const withTarget = r.metrics.filter((m) => m.ok !== undefined);
    const missed = withTarget.filter((m) => !m.ok).map((m) => m.label);
    out.push(
      `| ${r.name} | ${fixed(r.seconds)} | ${fixed(r.peakRssMb)} | ${fixed(r.peakHeapMb)} | ${withTarget.length - missed.length} of ${withTarget.length} | ${missed.join('; ')} |`,
    );
  }
  const ratios = results.flatMap((r) => r.metrics.filter(isRatio).map((m) => ({ bench: r.name, m })));
  if (ratios.length) {
    out.push(
      '',
      '## Ratios against baselines (same run)',
      '',
      '| benchmark | ratio | value | target | |',
      '|---|---|---:|---|---|',
    );
    for (const { bench, m } of ratios)
      out.push(
        `| ${bench} | ${m.label} | ${format(m.value)} | ${m.target ?? ''} | ${m.ok === undefined ? '' : m.ok ? 'ok' : 'MISSED'} |`,
      );
  }
  const lat = results.flatMap((r) => (r.latencies ?? []).map((l) => ({ bench: r.name, l })));
  if (lat.length) {
    out.push(
      '',
      '## Latency (ms)',
      '',
      '| benchmark | what | count | p50 | p95 | p99 | max |',
      '|---|---|---:|---:|---:|---:|---:|',
    );
    for (const { bench, l } of lat)
      out.push(
        `| ${bench} | ${l.label} | ${l.count} | ${fixed(l.p50)} | ${fixed(l.p95)} | ${fixed(l.p99)} | ${fixed(l.max)} |`,
      );
  }
  for (const r of results) {
    out.push(
      '',
      `## ${r.name}`,
      '',
      r.description,
      '',
      '| metric | value | target | |',
      '|---|---:|---|---|',
    );
    for (const row of toTable(r)) out.push(`| ${row.join(' | ')} |`);
    for (const t of r.tables ?? []) {
      out.push(
        '',
        `### ${t.title}`,
        '',
        `| ${t.columns.join(' | ')} |`,
        `|${t.columns.map(() => '---:').join('|')}|`,
      );
      for (const row of t.rows) out.push(`| ${row.join(' | ')} |`);
    }
    out.push('', `- ${fixed(r.seconds)} s; peak RSS of the bench process ${fixed(r.peakRssMb)} MB`);
    if (r.notes.length) out.push(...r.notes.map((n) => `- ${n}`));
  }
  return `${out.join('\n')}\n`;
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  if (quick) for (const [k, v] of Object.entries(QUICK)) process.env[k] ??= v;
  const names = args.filter((a) => !a.startsWith('--'));
  const { standard, extra } = await registry();
  const every = [...standard, ...extra];
  const selected = names.includes('all')
    ? every
    : names.length
      ? every.filter((b) => names.includes(b.name))
      : standard;
  if (selected.length === 0 || names.some((n) => n !== 'all' && !every.some((b) => b.name === n)))
    throw new Error(`unknown benchmark; available: ${every.map((b) => b.name).join(', ')}, all`);
  const meta: Record<string, string> = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    scale: quick
      ? 'QUICK (--quick: small sizes, proves the benchmarks run; not a measurement)'
      : 'full (sizes below)',
    node: process.version,
    platform: `${process.platform} ${process.arch}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / MB / 1024)} GB RAM`,
    'load average at start': loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    database: process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)',
    knobs:
      Object.entries(process.env)
        .filter(([k]) => KNOB.test(k))
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join(', ') || 'defaults',
  };
  const results: BenchRun[] = [];
  const dir = path.resolve(import.meta.dirname, 'out');
  mkdirSync(dir, { recursive: true });
  // Written after every benchmark, so that a failure later in the run keeps the numbers measured so far.
  const writeReport = () => {
    writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify({ ...meta, results }, null, 2)}\n`);
    writeFileSync(path.join(dir, 'report.md'), toMarkdown(results, meta));
  };
  for (const bench of selected) {
    console.log(`running ${bench.name}…`);
    const mem = sampleMemory(100);
    const t = await timed(() => bench.run());
    const peak = mem.stop();
    const run: BenchRun = {
      ...t.value,
      seconds: t.seconds,
      peakRssMb: peak.peakRss / MB,
      peakHeapMb: peak.peakHeap / MB,
    };
    printResult(run);
    results.push(run);
    writeReport();
  }
  const missed = results.flatMap((r) =>
    r.metrics.filter((m) => m.ok === false).map((m) => `${r.name}: ${m.label}`),
  );
  if (missed.length) console.log(`\ntargets missed:\n  ${missed.join('\n  ')}`);
  console.log(`\nreport: ${path.relative(process.cwd(), path.join(dir, 'report.md'))} (and report.json)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
