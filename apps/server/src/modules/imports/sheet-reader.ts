import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './sheet-parse';
import { normalizeKey } from './sheet-parse';

/**
 * Streaming access to an uploaded workbook with ExcelJS's WorkbookReader: rows arrive one at a time and are
 * never collected, so a file of any size is read in constant memory.
 */

export type SheetEvent =
  | { type: 'sheet'; name: string; date1904: boolean }
  /** The rows parsed from one chunk of the sheet XML (ExcelJS `row.values`: index = column number). */
  | { type: 'rows'; rows: { row: number; values: unknown[] }[] }
  | { type: 'end'; merges: string[] };

/** Sheets that are never data: the templates' hidden list sheet and instructions. */
const NON_DATA_SHEETS = new Set(['danhmuc', 'huongdan']);

type ReaderInternals = {
  iterator?: AsyncIterable<Buffer | string> & {
    destroy?: () => void;
    on?: (event: 'error', listener: (err: Error) => void) => void;
  };
  name?: string;
  state?: string;
};
type WorkbookInternals = { properties?: { model?: { date1904?: boolean } } };

/**
 * Reads the first visible data sheet of an .xlsx file: a 'sheet' event, 'rows' events with every row that
 * has cells, then 'end' with the merged ranges of the sheet.
 */
export async function* readSheetEvents(input: string | Readable): AsyncGenerator<SheetEvent> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let done = false;
  const merges: string[] = [];
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as ReaderInternals;
      const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
      if (done || hidden || NON_DATA_SHEETS.has(normalizeKey(ws.name ?? ''))) {
        // Not read: close a buffered temp-file stream now (an in-zip entry is drained by ExcelJS). ExcelJS
        // deletes the temp file right away, so a late open error is expected and ignored.
        const it = ws.iterator;
        if (it && typeof it.destroy === 'function') {
          it.on?.('error', () => {});
          it.destroy();
        }
        continue;
      }
      done = true;
      if (ws.iterator) ws.iterator = tapMerges(ws.iterator, merges);
      const date1904 = Boolean((reader as unknown as WorkbookInternals).properties?.model?.date1904);
      yield { type: 'sheet', name: ws.name ?? '', date1904 };
      // parse() hands over the rows of each XML chunk together: far fewer awaits than one per row
      const chunks = (
        worksheet as unknown as { parse(): AsyncIterable<{ eventType: string; value: unknown }[]> }
      ).parse();
      for await (const events of chunks) {
        const rows: { row: number; values: unknown[] }[] = [];
        for (const e of events) {
          if (e.eventType !== 'row') continue;
          const row = e.value as { number: number; values: unknown[] };
          rows.push({ row: row.number, values: row.values });
        }
        if (rows.length > 0) yield { type: 'rows', rows };
      }
    }
  } finally {
    const stream = (reader as unknown as { stream?: Readable }).stream;
    if (stream && typeof stream.destroy === 'function' && !stream.destroyed) stream.destroy();
  }
  yield { type: 'end', merges };
}

/**
 * Passes the sheet XML through unchanged while picking up `<mergeCell ref="…"/>` elements. They come after
 * the rows, at the end of the sheet, and ExcelJS's streaming reader drops them.
 */
async function* tapMerges(
  source: AsyncIterable<Buffer | string>,
  merges: string[],
): AsyncGenerator<Buffer | string> {
  let tail = '';
  let collected: string | null = null;
  for await (const chunk of source) {
    yield chunk;
    const text = typeof chunk === 'string' ? chunk : null;
    if (collected !== null) {
      collected += text ?? (chunk as Buffer).toString('utf8');
      continue;
    }
    const hit =
      (text !== null ? text.includes('<mergeCell') : (chunk as Buffer).includes('<mergeCell')) ||
      (tail + (text ?? (chunk as Buffer).subarray(0, 16).toString('latin1'))).includes('<mergeCell');
    if (hit) {
      collected = tail + (text ?? (chunk as Buffer).toString('utf8'));
      continue;
    }
    const end =
      text ?? (chunk as Buffer).subarray(Math.max(0, (chunk as Buffer).length - 16)).toString('latin1');
    tail = end.slice(-16);
  }
  if (collected !== null) {
    for (const m of collected.matchAll(/<mergeCell\b[^>]*?\bref="([^"]+)"/g)) {
      merges.push(m[1]);
      if (merges.length >= 10_000) break;
    }
  }
}

// ---- Container checks

type ZipDirectory = { entries: { name: string; offset: number }[]; cdOffset: number; size: number };

/** The zip's central directory (entry names and where their local records start), or the problem found. */
async function readZipDirectory(file: string): Promise<ZipDirectory | string> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const tailSize = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailSize);
    await fh.read(tail, 0, tailSize, size - tailSize);
    let eocd = -1;
    for (let i = tailSize - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return 'Tệp Excel bị cắt cụt hoặc hỏng (không đọc được cấu trúc tệp .xlsx)';
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdOffset + cdSize > size)
      return 'Tệp Excel bị hỏng (mục lục tệp không hợp lệ)';
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipDirectory['entries'] = [];
    let pos = 0;
    for (let n = 0; n < count && pos + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(pos) !== 0x02014b50) return 'Tệp Excel bị hỏng (mục lục tệp không hợp lệ)';
      const nameLength = cd.readUInt16LE(pos + 28);
      const extra = cd.readUInt16LE(pos + 30);
      const comment = cd.readUInt16LE(pos + 32);
      const offset = cd.readUInt32LE(pos + 42);
      if (offset >= cdOffset) return 'Tệp Excel bị hỏng (mục lục tệp không hợp lệ)';
      entries.push({ name: cd.toString('utf8', pos + 46, pos + 46 + nameLength), offset });
      pos += 46 + nameLength + extra + comment;
    }
    return { entries, cdOffset, size };
  } finally {
    await fh.close();
  }
}

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * Checks that a file is a complete zip holding a workbook, from its end record and central directory, before
 * streaming it: a truncated upload would otherwise leave the streaming unzip waiting forever. Returns the
 * problem in Vietnamese, or null.
 */
export async function checkXlsxContainer(file: string): Promise<string | null> {
  const dir = await readZipDirectory(file);
  if (typeof dir === 'string') return dir;
  const names = dir.entries.map((e) => e.name);
  if (!names.includes('xl/workbook.xml') || !names.some((n) => WORKSHEET.test(n)))
    return 'Tệp không phải bảng tính Excel (.xlsx)';
  return null;
}

/**
 * The file as the streaming reader needs it. ExcelJS's reader names a sheet (and tells a hidden one) from
 * xl/workbook.xml, which it must meet before the sheet's own entry; Excel writes it first, but other writers
 * (ExcelJS itself, under load) may not. Then the same bytes are streamed with the workbook entries first and
 * the worksheets after them: the entries are untouched, only their order changes.
 */
export async function workbookSource(file: string): Promise<string | Readable> {
  const dir = await readZipDirectory(file);
  if (typeof dir === 'string') return file; // the reader reports it
  const byOffset = [...dir.entries].sort((a, b) => a.offset - b.offset);
  const firstSheet = byOffset.findIndex((e) => WORKSHEET.test(e.name));
  const workbook = byOffset.findIndex((e) => e.name === 'xl/workbook.xml');
  if (firstSheet < 0 || workbook < firstSheet) return file;
  const ranges = byOffset.map((e, i) => ({
    sheet: WORKSHEET.test(e.name),
    start: e.offset,
    end: i + 1 < byOffset.length ? byOffset[i + 1].offset : dir.cdOffset,
  }));
  const ordered = [...ranges.filter((r) => !r.sheet), ...ranges.filter((r) => r.sheet)];
  ordered.push({ sheet: false, start: dir.cdOffset, end: dir.size });
  async function* bytes() {
    for (const r of ordered) {
      if (r.end <= r.start) continue;
      for await (const chunk of createReadStream(file, { start: r.start, end: r.end - 1 }))
        yield chunk as Buffer;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/**
 * Fails when the source makes no progress for `ms` (a safety net for damaged files the checks above miss).
 * Only time spent waiting on the source counts, not the consumer's own work between items.
 */
export async function* withStallTimeout<T>(source: AsyncIterable<T>, ms: number, stalled: () => Error) {
  const it = source[Symbol.asyncIterator]();
  let pending = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(stalled()), ms);
      });
      pending = true;
      const r = await Promise.race([it.next(), timeout]).finally(() => clearTimeout(timer));
      pending = false;
      if (r.done) return;
      yield r.value;
    }
  } finally {
    if (!pending) await it.return?.();
  }
}

// ---- The validated copy ---------------------------------------------------------------------------------

/**
 * Validation writes each non-empty row's normalised cells to a line-per-row file next to the upload, so that
 * commit re-validates those rows (against the current database) without parsing the workbook XML again.
 */
export type SpillHeader = { v: 1; letters: (string | null)[]; date1904: boolean; sheetName: string };

export function createSpillWriter(file: string) {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let buffer = '';
  let failed: Error | null = null;
  out.on('error', (e) => {
    failed = e;
  });
  async function flush() {
    if (failed) throw failed;
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!out.write(chunk)) await once(out, 'drain');
  }
  return {
    async header(h: SpillHeader) {
      buffer += `${JSON.stringify(h)}\n`;
      await flush();
    },
    /** Buffers one row; returns a promise only when the buffer was written out (await it then). */
    row(row: number, cells: readonly Cell[]): Promise<void> | undefined {
      buffer += cells.length ? `[${row},${JSON.stringify(cells).slice(1)}\n` : `[${row}]\n`;
      return buffer.length > 256 * 1024 ? flush() : undefined;
    },
    async close() {
      await flush();
      out.end();
      await once(out, 'finish');
    },
    abort() {
      out.destroy();
    },
  };
}

export type SpillEvent =
  | { type: 'header'; header: SpillHeader }
  | { type: 'row'; row: number; cells: Cell[] };

export async function* readSpill(file: string): AsyncGenerator<SpillEvent> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of lines) {
      if (line === '') continue;
      const parsed = JSON.parse(line) as unknown;
      if (first) {
        first = false;
        yield { type: 'header', header: parsed as SpillHeader };
        continue;
      }
      const [row, ...cells] = parsed as [number, ...Cell[]];
      yield { type: 'row', row, cells };
    }
  } finally {
    lines.close();
  }
}
