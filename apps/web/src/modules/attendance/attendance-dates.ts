/** Calendar days in Vietnamese time (Asia/Ho_Chi_Minh, UTC+7), whatever the browser's zone. */
const OFFSET_MS = 7 * 3600_000;

export const vnToday = (now = new Date()) => new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

/**
 * The day a roll call page opens on: today, or the last day of the current school year when today is past it
 * (the demo's year), stepped back from a weekend to the Friday before.
 */
export function defaultRollDate(year: { startDate: string; endDate: string } | undefined, now = new Date()) {
  let day = vnToday(now);
  if (year && day > year.endDate) day = year.endDate;
  if (year && day < year.startDate) day = year.startDate;
  while (isWeekend(day)) day = addDays(day, -1);
  return day;
}

/** An instant as Vietnamese wall-clock 'HH:mm' (giờ đến, giờ về). */
export function vnTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(11, 16);
}
