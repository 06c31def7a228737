/**
 * Time on attendance terminals: their clocks show Vietnamese wall-clock time (Asia/Ho_Chi_Minh, UTC+7, no
 * daylight saving) whatever the server's zone. Conversions use this explicit offset, never the process zone.
 */
export const VN_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VN_OFFSET_MINUTES * 60_000;

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const ISO_WITH_ZONE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export type LocalInstant = {
  /** The wall-clock text as sent, normalised to 'YYYY-MM-DD HH:MM:SS'. */
  localTime: string;
  /** The Vietnamese calendar day of the punch. */
  localDate: string;
  instant: Date;
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD HH:MM:SS' in Vietnamese time → the UTC instant; null when not a real date and time. */
export function parseLocalDateTime(text: string): LocalInstant | null {
  const m = LOCAL_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  const instant = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS);
  const localDate = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  return { localTime: `${localDate} ${pad(h)}:${pad(mi)}:${pad(s)}`, localDate, instant };
}

/** A UTC instant as Vietnamese wall-clock text 'YYYY-MM-DD HH:MM:SS'. */
export function formatLocalDateTime(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The Vietnamese calendar day of an instant ('YYYY-MM-DD'). */
export function localDateOf(instant: Date): string {
  return formatLocalDateTime(instant).slice(0, 10);
}

/**
 * A webhook's punch time: Vietnamese wall-clock text (as terminals send it) or ISO 8601 with a zone
 * ('2025-09-08T00:12:44Z', '2025-09-08T07:12:44+07:00'). Null when neither or out of range.
 */
export function parsePunchTime(text: string): LocalInstant | null {
  const local = parseLocalDateTime(text);
  if (local) return local;
  if (!ISO_WITH_ZONE_RE.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const instant = new Date(Math.floor(ms / 1000) * 1000);
  const localTime = formatLocalDateTime(instant);
  const y = Number(localTime.slice(0, 4));
  if (y < 2000 || y > 2099) return null;
  return { localTime, localDate: localTime.slice(0, 10), instant };
}
