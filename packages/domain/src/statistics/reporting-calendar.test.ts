import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatVietnamDeadline,
  isLate,
  nextReportingQuarter,
  type Quarter,
  quarterDeadline,
  quarterLabel,
  quarterOf,
  reminderSchedule,
  vietnamParts,
} from './reporting-calendar';

describe('quarterDeadline', () => {
  it('is 17:00 Asia/Ho_Chi_Minh (10:00 UTC) on 25/3, 25/6, 25/9 and 25/12', () => {
    expect(quarterDeadline(2025, 1).toISOString()).toBe('2025-03-25T10:00:00.000Z');
    expect(quarterDeadline(2025, 2).toISOString()).toBe('2025-06-25T10:00:00.000Z');
    expect(quarterDeadline(2025, 3).toISOString()).toBe('2025-09-25T10:00:00.000Z');
    expect(quarterDeadline(2025, 4).toISOString()).toBe('2025-12-25T10:00:00.000Z');
    expect(formatVietnamDeadline(quarterDeadline(2025, 4))).toBe('17:00 ngày 25/12/2025');
    expect(quarterLabel(2025, 4)).toBe('Quý IV/2025');
  });
  it('rejects a quarter that does not exist', () => {
    expect(() => quarterDeadline(2025, 5 as Quarter)).toThrow(RangeError);
    expect(() => quarterDeadline(2025.5, 1)).toThrow(RangeError);
  });
  it('falls on the 25th at 17:00 local for every year and quarter (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2200 }), fc.constantFrom<Quarter>(1, 2, 3, 4), (y, q) => {
        const p = vietnamParts(quarterDeadline(y, q));
        expect(p).toEqual({ year: y, month: q * 3, day: 25, hour: 17, minute: 0 });
      }),
    );
  });
});

describe('isLate ("trước 17 giờ 00")', () => {
  const deadline = quarterDeadline(2025, 4);
  it('is on time at 16:59:59 on 25/12 and late from 17:00:00', () => {
    expect(isLate(new Date('2025-12-25T09:59:59.999Z'), deadline)).toBe(false); // 16:59:59.999 local
    expect(isLate(new Date('2025-12-25T10:00:00.000Z'), deadline)).toBe(true); // 17:00 local
    expect(isLate(new Date('2025-12-25T10:00:01.000Z'), deadline)).toBe(true);
  });
  it('reads the clock in Vietnam, not UTC: 23:30 UTC on 24/12 is 06:30 on 25/12, on time', () => {
    expect(isLate(new Date('2025-12-24T23:30:00Z'), deadline)).toBe(false);
    // 17:30 UTC on 25/12 is 00:30 on 26/12 in Vietnam: late although the UTC date is still the 25th.
    expect(isLate(new Date('2025-12-25T17:30:00Z'), deadline)).toBe(true);
  });
  it('is late exactly when the instant is not before the deadline (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }), (delta) => {
        expect(isLate(new Date(deadline.getTime() + delta), deadline)).toBe(delta >= 0);
      }),
    );
  });
});

describe('nextReportingQuarter', () => {
  it('moves to the next quarter at 17:00 on the deadline, and to next year after 25/12', () => {
    expect(nextReportingQuarter(new Date('2025-12-25T09:59:00Z'))).toMatchObject({ year: 2025, quarter: 4 });
    expect(nextReportingQuarter(new Date('2025-12-25T10:00:00Z'))).toMatchObject({ year: 2026, quarter: 1 });
    expect(nextReportingQuarter(new Date('2025-12-31T18:00:00Z'))).toMatchObject({ year: 2026, quarter: 1 });
    expect(nextReportingQuarter(new Date('2025-11-26T06:00:00Z'))).toMatchObject({ year: 2025, quarter: 4 });
    expect(quarterOf(new Date('2025-12-31T17:00:00Z'))).toEqual({ year: 2026, quarter: 1 }); // 00:00 1/1 local
  });
  it('always returns a deadline after the instant and at most about a quarter ahead (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (at) => {
          const { deadline } = nextReportingQuarter(at);
          expect(deadline.getTime()).toBeGreaterThan(at.getTime());
          expect(deadline.getTime() - at.getTime()).toBeLessThanOrEqual(93 * 86_400_000);
        },
      ),
    );
  });
});

describe('reminderSchedule', () => {
  it('reminds at 08:00 local three days before and on the day', () => {
    expect(reminderSchedule(quarterDeadline(2025, 4)).map((r) => [r.kind, r.at.toISOString()])).toEqual([
      ['before_3_days', '2025-12-22T01:00:00.000Z'],
      ['due_day', '2025-12-25T01:00:00.000Z'],
    ]);
  });
});
