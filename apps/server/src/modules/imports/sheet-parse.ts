/**
 * Pure cell and header handling for Excel imports: no I/O, never throws. ExcelJS gives each cell as a loosely
 * typed value (string, number, boolean, Date, formula / rich-text / hyperlink / error objects); `toCell`
 * reduces it to a small JSON-serialisable `Cell` that the row validators work on.
 */

/** A cell after normalisation. Dates are calendar dates 'YYYY-MM-DD'. */
export type Cell =
  | null
  | string
  | number
  | boolean
  | { date: string }
  | { formula: string }
  | { error: string };

const MAX_CELL_CHARS = 32_767; // Excel's own limit for one cell

/** ExcelJS cell value → Cell. Whitespace-only text is empty (null). */
export function toCell(raw: unknown): Cell {
  try {
    return convert(raw, 0);
  } catch {
    return { error: '#VALUE!' };
  }
}

function convert(raw: unknown, depth: number): Cell {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return textCell(raw);
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw + 0 : { error: '#NUM!' }; // -0 → 0
  if (typeof raw === 'boolean') return raw;
  if (raw instanceof Date) {
    const t = raw.getTime();
    return Number.isNaN(t) ? { error: '#VALUE!' } : { date: raw.toISOString().slice(0, 10) };
  }
  if (typeof raw !== 'object' || depth > 3) return { error: '#VALUE!' };
  const o = raw as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) {
    return { formula: String(o.formula ?? o.sharedFormula ?? '').slice(0, 200) };
  }
  if ('error' in o) return { error: String(o.error ?? '#VALUE!').slice(0, 20) };
  if (Array.isArray(o.richText)) return textCell(richText(o.richText));
  if ('hyperlink' in o || 'text' in o) return convert(o.text ?? o.hyperlink ?? null, depth + 1);
  return { error: '#VALUE!' };
}

function richText(parts: unknown[]): string {
  let s = '';
  for (const p of parts) {
    if (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string')
      s += (p as { text: string }).text;
    if (s.length > MAX_CELL_CHARS) break;
  }
  return s;
}

function textCell(s: string): Cell {
  const t = s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s;
  return t.trim() === '' ? null : t;
}

export const isEmptyCell = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

/** Removes Vietnamese diacritics (đ → d as well). */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Header / choice key: lower case, no diacritics, only letters and digits ('Hộ nghèo/cận nghèo' → 'hongheocanngheo'). */
export function normalizeKey(s: string): string {
  return stripDiacritics(s)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Text as stored: NFC, trimmed, inner runs of whitespace collapsed to one space. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** 1 → 'A', 27 → 'AA'. */
export function columnLetter(n: number): string {
  let s = '';
  let x = Math.max(1, Math.floor(n));
  while (x > 0) {
    const m = (x - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

/** 'AB' → 28; null when not a column reference. */
export function columnNumber(letters: string): number | null {
  if (!/^[A-Z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A cell shown to a user inside a message: text form, shortened. */
export function displayCell(c: Cell): string {
  let s: string;
  if (c === null) s = '';
  else if (typeof c === 'string') s = c;
  else if (typeof c === 'number' || typeof c === 'boolean') s = String(c);
  else if ('date' in c) s = isoToVietnamese(c.date);
  else if ('formula' in c) s = `=${c.formula}`;
  else s = c.error;
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Plain text of a cell for text fields (numbers without exponent when integral), or null when empty. */
export function cellText(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === 'string') {
    const t = cleanText(c);
    return t === '' ? null : t;
  }
  if (typeof c === 'number') {
    if (Number.isInteger(c) && Math.abs(c) < 1e21) return BigInt(c).toString();
    return String(c);
  }
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  if ('date' in c) return isoToVietnamese(c.date);
  return null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function isoToVietnamese(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function validYmd(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Excel serial day number → ISO date (1900 date system unless `date1904`). */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const whole = Math.floor(serial + 1e-9);
  const days = whole - 25569 + (date1904 ? 1462 : 0); // 25569 = 1970-01-01 in the 1900 system
  const d = new Date(days * 86_400_000);
  if (Number.isNaN(d.getTime())) return null;
  return validYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * A date cell: an Excel date (a Date or a serial number) or text 'dd/mm/yyyy' (also '-' or '.' separators,
 * one-digit day/month) or ISO 'yyyy-mm-dd'. Null when the cell cannot be read as a real calendar date.
 */
export function parseDateCell(c: Cell, date1904 = false): string | null {
  if (c === null || typeof c === 'boolean') return null;
  if (typeof c === 'number') return excelSerialToIso(c, date1904);
  if (typeof c === 'object') {
    if ('date' in c) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.date);
      return m ? validYmd(+m[1], +m[2], +m[3]) : null;
    }
    return null;
  }
  const s = c.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return validYmd(+m[3], +m[2], +m[1]);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  return null;
}
