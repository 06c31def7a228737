import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { examsBench } from './exams.bench';
import { gradebookBench } from './gradebook.bench';
import type { Bench, BenchResult } from './harness';
import { importBench } from './import.bench';
import { operationsBench } from './operations.bench';

/**
 * `npm run bench [name…]`: runs the registered benchmarks (all, or those named), prints a table and writes
 * bench/out/report.json and bench/out/report.md. Add a benchmark as bench/<name>.bench.ts exporting a
 * `Bench`, then register it here.
 */
const BENCHES: Bench[] = [importBench, gradebookBench, examsBench, operationsBench];

const format = (v: number) =>
  Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 });

function toTable(result: BenchResult): string[][] {
  return result.metrics.map((m) => [
    m.label,
    `${format(m.value)} ${m.unit}`.trim(),
    m.target ?? '',
    m.ok === undefined ? '' : m.ok ? 'ok' : 'MISSED',
  ]);
}

function printTable(result: BenchResult) {
  const rows = [['metric', 'value', 'target', ''], ...toTable(result)];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n== ${result.name}: ${result.description}`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
  for (const n of result.notes) console.log(`  · ${n}`);
}

function toMarkdown(results: BenchResult[], meta: Record<string, string>): string {
  const out = ['# SmartEdu benchmarks', ''];
  for (const [k, v] of Object.entries(meta)) out.push(`- ${k}: ${v}`);
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
    if (r.notes.length) out.push('', ...r.notes.map((n) => `- ${n}`));
  }
  return `${out.join('\n')}\n`;
}

async function main() {
  const wanted = process.argv.slice(2);
  const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
  if (selected.length === 0)
    throw new Error(`unknown benchmark; available: ${BENCHES.map((b) => b.name).join(', ')}`);
  const results: BenchResult[] = [];
  for (const bench of selected) {
    console.log(`running ${bench.name}…`);
    const result = await bench.run();
    printTable(result);
    results.push(result);
  }
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    database: process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in memory',
  };
  const dir = path.resolve(import.meta.dirname, 'out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify({ ...meta, results }, null, 2)}\n`);
  writeFileSync(path.join(dir, 'report.md'), toMarkdown(results, meta));
  console.log(`\nreport: ${path.relative(process.cwd(), path.join(dir, 'report.md'))}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
