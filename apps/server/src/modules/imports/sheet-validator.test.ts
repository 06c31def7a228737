import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportRowError } from '@smartedu/contracts';
import { ETHNICITIES } from '@smartedu/db';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { CLASS_SPEC } from './class-row';
import { GUARDIAN_SPEC } from './guardian-row';
import { validateSpill, validateWorkbook } from './import-pipeline';
import {
  buildEthnicityMap,
  classKey,
  emptyLookups,
  type KindSpec,
  type Lookups,
  staffKey,
} from './import-spec';
import { toCell } from './sheet-parse';
import { createSheetValidator, matchHeader } from './sheet-validator';
import { STAFF_SPEC } from './staff-row';
import { STUDENT_SPEC } from './student-row';
import { buildWorkbook, STUDENT_HEADERS } from './test-workbooks';

const CLASS_NAMES = ['6A1', '6A2', '7A1', '8A3'];
const lookups: Lookups = {
  ...emptyLookups('2025-01-15'),
  ethnicities: buildEthnicityMap(ETHNICITIES),
  classes: new Map(
    CLASS_NAMES.map((name, i) => [
      classKey(name),
      { id: `00000000-0000-4000-8000-00000000000${i}`, name, schoolYearId: 'y' },
    ]),
  ),
  students: new Map([['1200000001', '00000000-0000-4000-8000-000000000010']]),
  staff: new Map([[staffKey('CB001'), '00000000-0000-4000-8000-000000000020']]),
  subjects: new Map([['thcstoan', 'THCS_TOAN']]),
};
const SPECS: KindSpec<unknown>[] = [
  STUDENT_SPEC,
  GUARDIAN_SPEC,
  STAFF_SPEC,
  CLASS_SPEC,
] as KindSpec<unknown>[];

const vietnamese = fc.constantFrom(
  'Lò Văn Pấng',
  'Tẩn Thị Mẩy',
  'Nguyễn Thị Hồng Nhung',
  'Đặng Văn Đức',
  'Thái',
  'Mông',
  'Khơ-me',
  'Nữ',
  'Nam',
  'Hộ cận nghèo',
  'Mồ côi cả cha và mẹ',
  '6A1',
  'ữ',
);

/** Any value ExcelJS may hand over for a cell. */
const rawCell = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  vietnamese,
  fc.stringMatching(/^\d{1,16}$/),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.record({ formula: fc.string(), result: fc.oneof(fc.string(), fc.double()) }),
  fc.record({ richText: fc.array(fc.record({ text: fc.string() }), { maxLength: 4 }) }),
  fc.record({ text: fc.string(), hyperlink: fc.webUrl() }),
  fc.record({ error: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!') }),
  fc.constant('Đ'.repeat(40_000)),
  fc.anything(),
);

function checkErrors(errors: readonly ImportRowError[], row: number) {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.row).toBe(row);
    if (e.column !== null) expect(e.column).toMatch(/^[A-Z]{1,3}$/);
    expect(e.code).toMatch(/^[A-Z_]+$/);
    expect(e.message.startsWith(`Dòng ${row}`)).toBe(true);
  }
}

describe('row validation over generated rows', () => {
  it('never throws: a record or errors with row and column', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPECS),
        fc.integer({ min: 2, max: 1_048_576 }),
        fc.array(rawCell, { minLength: 0, maxLength: 16 }),
        (spec, row, raw) => {
          const cells = spec.fields.map((_, i) => toCell(raw[i]));
          const letters = spec.fields.map((_, i) => String.fromCharCode(65 + i));
          const result = spec.validate({ row, cells, letters }, lookups);
          if (result.ok) expect(result.record).toBeTypeOf('object');
          else checkErrors(result.errors, row);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a whole generated sheet keeps its counters consistent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPECS),
        fc.array(fc.oneof(rawCell, vietnamese), { maxLength: 14 }),
        fc.array(fc.array(rawCell, { maxLength: 14 }), { maxLength: 40 }),
        fc.array(fc.stringMatching(/^[A-Z]{1,2}[1-9]\d?(:[A-Z]{1,2}[1-9]\d?)?$/), { maxLength: 3 }),
        (spec, header, rows, merges) => {
          const v = createSheetValidator(spec, lookups, { maxRowErrors: 25 });
          v.header([undefined, ...header]);
          rows.forEach((r, i) => {
            const cells = v.cellsOf([undefined, ...r]);
            if (cells) v.row(i + 2, cells);
          });
          v.merges(merges);
          const s = v.finish();
          expect(s.validRows + s.errorRows).toBe(s.totalRows);
          expect(s.errors.filter((e) => e.row > 1 && e.code !== 'MERGED_CELLS').length).toBeLessThanOrEqual(
            25,
          );
          if (!s.usable) expect(s.validRows).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('matches re-ordered, re-cased and unaccented headers', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...STUDENT_SPEC.fields.keys()], { minLength: 0 }), (order) => {
        const headers = order.map((i, n) => {
          const h = STUDENT_SPEC.fields[i].header;
          return n % 2 ? h.toUpperCase() : h.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd');
        });
        const m = matchHeader(STUDENT_SPEC.fields, [undefined, ...headers]);
        order.forEach((fieldIndex, n) => {
          expect(m.columns[fieldIndex]).toBe(n + 1);
        });
        const missing = STUDENT_SPEC.fields
          .filter((f, i) => f.required && !order.includes(i))
          .map((f) => f.key);
        expect(m.errors.map((e) => e.field)).toEqual(missing);
      }),
    );
  });
});

// ---- the streaming path over real .xlsx files

const dir = mkdtempSync(path.join(tmpdir(), 'smartedu-import-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Mutation = 'date' | 'class' | 'name' | 'formula' | 'duplicate' | 'gender' | 'ethnicity' | 'sectorId';

const goodRow = fc.record({
  name: fc.constantFrom('Lò Văn Pấng', 'Tẩn Thị Mẩy', 'Giàng A Páo', 'Nguyễn Thị Hoa', 'Vàng Thị Dợ'),
  day: fc.integer({ min: 0, max: 3000 }),
  asText: fc.boolean(),
  gender: fc.constantFrom('Nam', 'Nữ', 'nam', 'NỮ'),
  ethnicity: fc.constantFrom(...ETHNICITIES.map((e) => e.name), '03', 'thai'),
  cls: fc.constantFrom(...CLASS_NAMES, '', '6a1'),
  poverty: fc.constantFrom('Không', 'Hộ nghèo', 'Hộ cận nghèo', ''),
  address: fc.oneof(
    fc.constant(null),
    fc
      .array(fc.constantFrom('Bản', 'Tổ', '5', 'phường', 'Đông Phong', ',', ' ', 'Nậm Loỏng', '\n'), {
        maxLength: 12,
      })
      .map((parts) => parts.join(' ')),
  ),
});

describe('streaming validation of generated workbooks', () => {
  it('reports every bad row and no good row', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            good: goodRow,
            bad: fc.option(
              fc.constantFrom<Mutation>(
                'date',
                'class',
                'name',
                'formula',
                'duplicate',
                'gender',
                'ethnicity',
                'sectorId',
              ),
              { freq: 3 },
            ),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.boolean(),
        async (specs, withListSheet) => {
          const rows: unknown[][] = [STUDENT_HEADERS];
          const bad = new Set<number>();
          const good = new Set<number>();
          specs.forEach((s, i) => {
            const rowNo = i + 2;
            const d = new Date(Date.UTC(2008, 0, 1 + s.good.day));
            const r: unknown[] = [
              String(1_300_000_000 + i),
              s.good.name,
              s.good.asText ? `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}` : d,
              s.good.gender,
              s.good.ethnicity,
              s.good.cls || null,
              null,
              null,
              s.good.poverty || null,
              null,
              s.good.address?.trim() ? s.good.address : null,
            ];
            const mutation = s.bad === null || (s.bad === 'duplicate' && good.size === 0) ? null : s.bad;
            if (mutation === 'date') r[2] = '30/02/2012';
            if (mutation === 'class') r[5] = '9Z9';
            if (mutation === 'name') r[1] = null;
            if (mutation === 'formula') r[4] = { formula: 'E2', result: 'Thái' };
            if (mutation === 'duplicate') r[0] = String(1_300_000_000 + [...good][0] - 2);
            if (mutation === 'gender') r[3] = 'Khác';
            if (mutation === 'ethnicity') r[4] = 'Người Sao Hoả';
            if (mutation === 'sectorId') r[0] = 'HS-01';
            (mutation ? bad : good).add(rowNo);
            rows.push(r);
          });
          const file = path.join(dir, `p${run++}.xlsx`);
          writeFileSync(
            file,
            await buildWorkbook({
              rows,
              before: withListSheet
                ? [{ name: 'Danh mục', hidden: true, rows: [['Giới tính'], ['Nam'], ['Nữ']] }]
                : [],
            }),
          );
          const spill = `${file}.rows.ndjson`;
          const result = await validateWorkbook(STUDENT_SPEC, lookups, file, { spillTo: spill });
          const errorRows = new Set(result.errors.map((e) => e.row));
          expect(errorRows).toEqual(bad);
          expect(result).toMatchObject({
            totalRows: specs.length,
            validRows: good.size,
            errorRows: bad.size,
          });
          // commit re-validates the stored copy: same verdict without parsing the workbook
          const seen: number[] = [];
          const again = await validateSpill(STUDENT_SPEC, lookups, spill, {
            onRecord: (_r, row) => {
              seen.push(row);
            },
          });
          expect(new Set(seen)).toEqual(good);
          expect(again.errors).toEqual(result.errors);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads a workbook whose worksheets come before xl/workbook.xml in the zip', async () => {
    // ExcelJS's own writer can emit this order under load; its streaming reader then fails on the sheet
    const original = await JSZip.loadAsync(
      await buildWorkbook({
        rows: [STUDENT_HEADERS, ['1300000001', 'Lò Văn A', '01/01/2012', 'Nam', 'Thái', '6A1']],
        before: [{ name: 'Danh mục', hidden: true, rows: [['Giới tính'], ['Nam'], ['Nữ']] }],
      }),
    );
    const names = Object.keys(original.files).filter((n) => !original.files[n].dir);
    // the relationships and shared strings first (so the reader does not defer the sheets), workbook.xml last
    const workbookXml = 'xl/workbook.xml';
    const sheetsFirst = [
      ...names.filter((n) => !n.startsWith('xl/worksheets/') && n !== workbookXml),
      ...names.filter((n) => n.startsWith('xl/worksheets/')),
      workbookXml,
    ];
    const reordered = new JSZip();
    for (const n of sheetsFirst) reordered.file(n, await original.files[n].async('uint8array'));
    const file = path.join(dir, 'sheets-first.xlsx');
    writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const result = await validateWorkbook(STUDENT_SPEC, lookups, file);
    expect(result).toMatchObject({ usable: true, totalRows: 1, validRows: 1, errorRows: 0 });
    expect(result.sheetName).not.toBe('Danh mục'); // the hidden list sheet is still skipped
  });

  it('reports merged cells in the data area and refuses the sheet', async () => {
    const file = path.join(dir, 'merged.xlsx');
    writeFileSync(
      file,
      await buildWorkbook({
        rows: [
          STUDENT_HEADERS,
          ['1300000001', 'Lò Văn A', '01/01/2012', 'Nam', 'Thái', '6A1'],
          ['1300000002', 'Lò Văn B'],
        ],
        merges: ['C3:E3'],
      }),
    );
    const result = await validateWorkbook(STUDENT_SPEC, lookups, file);
    expect(result.usable).toBe(false);
    expect(result.validRows).toBe(0);
    expect(result.errors[0]).toMatchObject({ row: 3, column: 'C', code: 'MERGED_CELLS' });
  });
});
