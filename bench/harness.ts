import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { type Database, openDatabase, seedDemo, seedReference } from '@smartedu/db';
import pg from 'pg';

/** Shared pieces of the benchmarks: result shape, timing, memory sampling, a fresh demo database. */

export type Metric = {
  label: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. '≤ 2.0'. */
  target?: string;
  ok?: boolean;
};

/** A latency distribution in milliseconds. */
export type Latency = { label: string; count: number; p50: number; p95: number; p99: number; max: number };

/** An extra table of the report (e.g. the soak run's time windows). */
export type Table = { title: string; columns: string[]; rows: (string | number)[][] };

export type BenchResult = {
  name: string;
  description: string;
  metrics: Metric[];
  notes: string[];
  /** Latency distributions (p50/p95/p99), shown in their own table. */
  latencies?: Latency[];
  tables?: Table[];
};

/** Filled in by bench/run.ts around every benchmark. */
export type BenchRun = BenchResult & { seconds: number; peakRssMb: number; peakHeapMb: number };

/** Percentiles of a list of latencies (ms). */
export function latencyOf(label: string, values: number[]): Latency {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : 0);
  return { label, count: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? 0 };
}

/** One benchmark file (bench/<name>.bench.ts) exports one of these; bench/run.ts registers it. */
export type Bench = { name: string; description: string; run: () => Promise<BenchResult> };

export const MB = 1024 * 1024;

/** Samples RSS and heapUsed every `everyMs` until stopped; `peak` is the largest sample. */
export function sampleMemory(everyMs = 50) {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > rss) rss = m.rss;
    if (m.heapUsed > heap) heap = m.heapUsed;
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRss: rss, peakHeap: heap };
    },
  };
}

const cpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** Wall-clock seconds and this process's CPU seconds (all threads) spent in `fn`. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; cpu: number; value: T }> {
  const t0 = performance.now();
  const c0 = cpuSeconds();
  const value = await fn();
  return { seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0, value };
}

/**
 * A fresh database with the Lai Châu demo: in-memory PGlite, or a new database on the PostgreSQL server named
 * by DATABASE_URL (dropped by `dispose`).
 */
export async function freshDemoDatabase(): Promise<{
  database: Database;
  kind: 'pglite' | 'postgres';
  dispose: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  if (!url) {
    database = await openDatabase({ kind: 'pglite' });
  } else {
    const name = `smartedu_bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 4 });
    drop = async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  await database.migrate();
  await seedReference(database.db);
  await seedDemo(database.db, { hashPassword: async () => 'bench-no-login' });
  return {
    database,
    kind: url ? 'postgres' : 'pglite',
    dispose: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * Runs a bench helper script in a child Node process (same loader flags, e.g. tsx) and returns the JSON it
 * prints on its last stdout line: keeps work such as generating input files out of the measured process.
 */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as T);
      } catch (err) {
        reject(err);
      }
    });
  });
}

let gc: (() => void) | null = null;
/** A full garbage collection (so that a memory baseline is not inflated by earlier garbage). */
export function collectGarbage() {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * Samples the live heap (heapUsed right after a full collection) every `everyMs`: what the code holds, as
 * opposed to RSS, which also counts garbage V8 has not collected yet. Costs a full GC per sample.
 */
export function sampleLiveHeap(everyMs = 500) {
  let peak = 0;
  const sample = () => {
    collectGarbage();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/**
 * CPU seconds used so far by the PostgreSQL server processes serving this database (same machine only; null for
 * PGlite or a remote server). Backends of a pool live on between calls, so a difference of two readings is the
 * server's CPU for the work in between.
 */
export async function databaseServerCpu(database: Database): Promise<number | null> {
  if (database.kind !== 'postgres') return null;
  const { readFileSync } = await import('node:fs');
  const rows = await database.execute<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the full line)
    } catch {
      return null; // not on this machine
    }
  }
  return ticks / 100;
}
