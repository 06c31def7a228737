import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  columnLetter,
  columnNumber,
  displayCell,
  excelSerialToIso,
  normalizeKey,
  parseDateCell,
  toCell,
} from './sheet-parse';

describe('toCell', () => {
  it('reduces ExcelJS values to plain cells', () => {
    expect(toCell(undefined)).toBeNull();
    expect(toCell('   ')).toBeNull();
    expect(toCell(' Lò Văn A ')).toBe(' Lò Văn A ');
    expect(toCell(42)).toBe(42);
    expect(toCell(Number.NaN)).toEqual({ error: '#NUM!' });
    expect(toCell(new Date(Date.UTC(2013, 8, 5)))).toEqual({ date: '2013-09-05' });
    expect(toCell(new Date(Number.NaN))).toEqual({ error: '#VALUE!' });
    expect(toCell({ formula: 'A1+1', result: 2 })).toEqual({ formula: 'A1+1' });
    expect(toCell({ sharedFormula: 'B2', result: 2 })).toEqual({ formula: 'B2' });
    expect(toCell({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn' }] })).toBe('Nguyễn Văn');
    expect(toCell({ text: 'mail', hyperlink: 'mailto:a@b.vn' })).toBe('mail');
    expect(toCell({ text: { richText: [{ text: 'x' }] }, hyperlink: 'h' })).toBe('x');
    expect(toCell({ error: '#N/A' })).toEqual({ error: '#N/A' });
    expect(toCell({ sharedString: 3 })).toEqual({ error: '#VALUE!' });
  });

  it('never throws and always gives a JSON-serialisable cell', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withMap: true, withSet: true, withBigInt: false }), (raw) => {
        const c = toCell(raw);
        expect(JSON.parse(JSON.stringify(c))).toEqual(c);
      }),
      { numRuns: 500 },
    );
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy text, ISO text, Excel serials and dates; rejects impossible dates', () => {
    expect(parseDateCell('05/09/2013')).toBe('2013-09-05');
    expect(parseDateCell('5-9-2013')).toBe('2013-09-05');
    expect(parseDateCell('5.9.2013')).toBe('2013-09-05');
    expect(parseDateCell('2013-09-05')).toBe('2013-09-05');
    expect(parseDateCell('29/02/2012')).toBe('2012-02-29');
    expect(parseDateCell('29/02/2013')).toBeNull();
    expect(parseDateCell('31/02/2013')).toBeNull();
    expect(parseDateCell('31/04/2013')).toBeNull();
    expect(parseDateCell('05/09/13')).toBeNull();
    expect(parseDateCell('ngày 5 tháng 9')).toBeNull();
    expect(parseDateCell(41000)).toBe('2012-04-01');
    expect(parseDateCell(41000.75)).toBe('2012-04-01');
    expect(parseDateCell(39538, true)).toBe('2012-04-01');
    expect(parseDateCell({ date: '2013-09-05' })).toBe('2013-09-05');
    expect(parseDateCell(true)).toBeNull();
    expect(parseDateCell(-5)).toBeNull();
    expect(excelSerialToIso(1e12)).toBeNull();
  });

  it('agrees with the calendar for every day of a century', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36_500 }), (n) => {
        const d = new Date(Date.UTC(1950, 0, 1 + n));
        const iso = d.toISOString().slice(0, 10);
        const text = `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}`;
        expect(parseDateCell(text)).toBe(iso);
        expect(parseDateCell(d.getTime() / 86_400_000 + 25_569)).toBe(iso);
      }),
    );
  });
});

describe('text helpers', () => {
  it('normalises header text', () => {
    expect(normalizeKey('Hộ nghèo/cận nghèo')).toBe('hongheocanngheo');
    expect(normalizeKey('  MÃ ĐỊNH   DANH ')).toBe('madinhdanh');
    expect(normalizeKey('Số CCCD')).toBe(normalizeKey('so cccd'));
  });

  it('converts column numbers and letters both ways', () => {
    expect(columnLetter(1)).toBe('A');
    expect(columnLetter(26)).toBe('Z');
    expect(columnLetter(27)).toBe('AA');
    expect(columnLetter(16_384)).toBe('XFD');
    fc.assert(fc.property(fc.integer({ min: 1, max: 16_384 }), (n) => columnNumber(columnLetter(n)) === n));
  });

  it('writes integral numbers without exponent and shortens what it shows', () => {
    expect(cellText(123456789012)).toBe('123456789012');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText({ date: '2013-09-05' })).toBe('05/09/2013');
    expect(displayCell('x'.repeat(100))).toHaveLength(58);
    expect(displayCell({ formula: 'SUM(A1:A2)' })).toBe('=SUM(A1:A2)');
  });
});
