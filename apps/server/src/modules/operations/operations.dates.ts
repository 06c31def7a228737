/** Calendar helpers in Vietnam's time zone (UTC+7, no daylight saving). */

const VN_OFFSET_MS = 7 * 3_600_000;

/** 'YYYY-MM-DD' of an instant in Asia/Ho_Chi_Minh. */
export const vietnamDate = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

/** Hour of the day (0–23) of an instant in Asia/Ho_Chi_Minh. */
export const vietnamHour = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS).getUTCHours();

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Monday…Saturday: Vietnamese schools teach six days a week. */
export const isSchoolDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getUTCDay() !== 0;

export const toIsoDate = (d: string | Date | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/**
 * The day attendance figures are shown for: today during the school year; after it ended (or before it
 * started), its last day, so a closed year still shows its final weeks.
 */
export function attendanceReferenceDay(
  today: string,
  year: { startDate: string; endDate: string } | null,
): string {
  if (!year) return today;
  return today > year.endDate ? year.endDate : today;
}
