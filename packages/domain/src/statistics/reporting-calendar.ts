/**
 * The quarterly report cycle of the HCMC plan (seed 003, §III): units report to the department "trước 17 giờ 00
 * các ngày 25/3, 25/6, 25/9 và 25/12", in Vietnam's time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
 * Instants are `Date`s (UTC inside); local calendar values are computed with the fixed offset.
 */

export const VIETNAM_OFFSET_HOURS = 7;
const OFFSET_MS = VIETNAM_OFFSET_HOURS * 3_600_000;
/** The hour (local time) the report is due before. */
export const REPORT_DUE_HOUR = 17;
/** The day of the quarter's last month the report is due on. */
export const REPORT_DUE_DAY = 25;

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

/** An instant at a local (Asia/Ho_Chi_Minh) wall-clock time. month: 1-12. */
export function vietnamInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MS);
}

/** Local calendar fields of an instant in Asia/Ho_Chi_Minh. */
export function vietnamParts(at: Date) {
  const d = new Date(at.getTime() + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** Hạn báo cáo quý: 17:00 local time on the 25th of the quarter's last month (25/3, 25/6, 25/9, 25/12). */
export function quarterDeadline(year: number, quarter: Quarter): Date {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`invalid year ${year}`);
  if (!QUARTERS.includes(quarter)) throw new RangeError(`invalid quarter ${quarter}`);
  return vietnamInstant(year, quarter * 3, REPORT_DUE_DAY, REPORT_DUE_HOUR);
}

/** The calendar quarter of an instant (local date). */
export function quarterOf(at: Date): { year: number; quarter: Quarter } {
  const { year, month } = vietnamParts(at);
  return { year, quarter: Math.ceil(month / 3) as Quarter };
}

/**
 * The reporting period a unit is working on at an instant: the first quarter whose deadline is still ahead
 * (after 17:00 on 25/12 that is the next year's first quarter).
 */
export function nextReportingQuarter(at: Date): { year: number; quarter: Quarter; deadline: Date } {
  let { year, quarter } = quarterOf(at);
  let deadline = quarterDeadline(year, quarter);
  if (at.getTime() >= deadline.getTime()) {
    quarter = quarter === 4 ? 1 : ((quarter + 1) as Quarter);
    if (quarter === 1) year += 1;
    deadline = quarterDeadline(year, quarter);
  }
  return { year, quarter, deadline };
}

/** "Trước 17 giờ 00": a submission at 17:00:00 or later is late. */
export const isLate = (submittedAt: Date, deadline: Date) => submittedAt.getTime() >= deadline.getTime();

export type ReminderKind = 'before_3_days' | 'due_day';

/** Reminders to units that have not reported: 08:00 local three days before the deadline, and on the day. */
export function reminderSchedule(deadline: Date): { kind: ReminderKind; at: Date }[] {
  const { year, month, day } = vietnamParts(deadline);
  const dueDay = vietnamInstant(year, month, day, 8);
  return [
    { kind: 'before_3_days', at: new Date(dueDay.getTime() - 3 * 86_400_000) },
    { kind: 'due_day', at: dueDay },
  ];
}

/** "17:00 ngày 25/12/2025" */
export function formatVietnamDeadline(at: Date): string {
  const p = vietnamParts(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.hour)}:${two(p.minute)} ngày ${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "Quý IV/2025" */
export const quarterLabel = (year: number, quarter: Quarter) =>
  `Quý ${['I', 'II', 'III', 'IV'][quarter - 1]}/${year}`;
