/**
 * Fuzzing of every file and device parser: arbitrary bytes, arbitrary zips and structure-aware mutations of
 * well-formed inputs. A parser returns a result or throws an AppError with a 4xx status: no other exception, no
 * hang. Size: FUZZ_RUNS per parser (CI default below; `npm run test:fuzz` runs 10 000).
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseQuestionSheet, parseWordQuestions } from '@smartedu/domain';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import {
  decodeCommand,
  parseAttlogLine,
  parseCommandResults,
  uploadLines,
} from '../../modules/attendance/iclock/iclock.protocol';
import { checkXlsxContainer, readSheetEvents, withStallTimeout } from '../../modules/imports/sheet-reader';
import { readDocx } from '../../modules/question-bank/io/docx-reader';
import { buildDocx, type WBlock } from '../../modules/question-bank/io/docx-writer';
import { importQtiPackage } from '../../modules/question-bank/io/qti-import';
import { readQuestionSheet } from '../../modules/question-bank/io/question-sheet';
import { fuzzRuns } from '../fuzz-runs';

const RUNS = fuzzRuns(300);

/** Counts what each parser did, for the report. */
export const outcomes: Record<string, { ok: number; refused: number }> = {};
function note(parser: string, ok: boolean) {
  outcomes[parser] ??= { ok: 0, refused: 0 };
  outcomes[parser][ok ? 'ok' : 'refused']++;
}

function cleanFailure(parser: string, err: unknown) {
  if (!(err instanceof AppError) || err.status >= 500) {
    throw new Error(`${parser}: unexpected ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
  }
  note(parser, false);
}
function expectClean(parser: string, fn: () => unknown) {
  try {
    fn();
    note(parser, true);
  } catch (err) {
    cleanFailure(parser, err);
  }
}
async function expectCleanAsync(parser: string, fn: () => Promise<unknown>) {
  try {
    await fn();
    note(parser, true);
  } catch (err) {
    cleanFailure(parser, err);
  }
}

const xmlPiece = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '<a>',
    '</a>',
    '<!DOCTYPE x [<!ENTITY e "x">]>',
    '&e;',
    '&amp;',
    '&#0;',
    '&#x1F600;',
    '<![CDATA[<x>]]>',
    '<?xml version="1.0"?>',
    '<w:p>',
    '</w:p>',
    '<w:r><w:t>',
    '</w:t></w:r>',
    '<w:tbl><w:tr><w:tc>',
    '</w:tc></w:tr></w:tbl>',
    '<m:oMath><m:f><m:num>1</m:num></m:f></m:oMath>',
    '<qti-assessment-item>',
    '<qti-choice-interaction response-identifier="R">',
    '<qti-simple-choice identifier="A">',
    '<qti-correct-response><qti-value>A</qti-value></qti-correct-response>',
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
    '<c r="ZZZZ99999999" t="inlineStr"><is><t>x</t></is></c>',
    '<sheetData>',
    '</sheetData>',
  ),
);
const xmlText = fc.array(xmlPiece, { maxLength: 25 }).map((p) => p.join(''));

/** Nightly runs (FUZZ_RUNS=10 000) take minutes per target: a harness limit, not a speed claim. */
const FUZZ_TIMEOUT = 3_600_000;

describe('parsers never fail in an unexpected way', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'smartedu-fuzz-'));
  }, FUZZ_TIMEOUT);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    // The numbers the report quotes.
    console.info(`fuzz outcomes (runs per property ${RUNS}):`, JSON.stringify(outcomes));
  }, FUZZ_TIMEOUT);

  it(
    'Word .docx question import: bytes, zips and mutated documents',
    () => {
      const docxOf = (xml: string) =>
        zipSync({
          '[Content_Types].xml': strToU8('<Types/>'),
          'word/document.xml': strToU8(`<w:document><w:body>${xml}</w:body></w:document>`),
        });
      const run = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          'Câu 1.',
          'A.',
          '*B.',
          'C. \\(x^2\\)',
          'Đáp án: A',
          'Lời giải:',
          'Câu 2 (0,5 điểm):',
          'a)',
          'Đúng',
          'Sai',
        ),
      );
      const block: fc.Arbitrary<WBlock> = fc.oneof(
        fc.array(run, { maxLength: 4 }),
        fc
          .array(fc.array(fc.array(run, { maxLength: 2 }), { minLength: 1, maxLength: 3 }), {
            minLength: 1,
            maxLength: 3,
          })
          .map((table) => ({ table })),
      );
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 400 }).map((b) => ({ bytes: b })),
            xmlText.map((x) => ({ bytes: docxOf(x) })),
            fc.array(block, { maxLength: 15 }).map((b) => ({ bytes: new Uint8Array(buildDocx(b)) })),
          ),
          ({ bytes }) =>
            expectClean('docx', () => {
              const doc = readDocx(bytes);
              parseWordQuestions(doc.blocks as never);
            }),
        ),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'QTI 2.1 / 3.0 package import: bytes, zips with arbitrary manifests and items',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array({ maxLength: 400 }),
            fc.tuple(xmlText, xmlText, fc.boolean()).map(([manifest, item, v3]) =>
              zipSync({
                'imsmanifest.xml': strToU8(
                  `<manifest><resources><resource identifier="r" type="${v3 ? 'imsqti_item_xmlv3p0' : 'imsqti_item_xmlv2p1'}" href="item.xml">${manifest}</resource></resources></manifest>`,
                ),
                'item.xml': strToU8(
                  v3
                    ? `<qti-assessment-item identifier="i">${item}</qti-assessment-item>`
                    : `<assessmentItem identifier="i">${item}</assessmentItem>`,
                ),
              }),
            ),
          ),
          (bytes) => expectClean('qti', () => importQtiPackage(bytes)),
        ),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'Excel question sheet: bytes, zips and arbitrary rows',
    async () => {
      const cell = fc.oneof(
        fc.constant(null),
        fc.string({ maxLength: 20 }),
        fc.constantFrom('single', 'multiple', 'true_false', 'A', 'Đ', 'NB', 'TH', '1', '0,5', 'Số tự nhiên'),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }).map((b) => ({ bytes: b })),
            xmlText.map((x) => ({
              bytes: zipSync({ 'xl/workbook.xml': strToU8(x), 'xl/worksheets/sheet1.xml': strToU8(x) }),
            })),
          ),
          fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 8 }),
          async ({ bytes }, rows) => {
            await expectCleanAsync('question-sheet', () => readQuestionSheet(bytes));
            expectClean('question-sheet-rows', () =>
              parseQuestionSheet(
                (rows[0] ?? []) as string[],
                rows.slice(1).map((cells, i) => ({ row: i + 2, cells })),
              ),
            );
          },
        ),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'Excel import sheet reader (registry imports): bytes and zips with arbitrary sheet XML',
    async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc.tuple(xmlText, xmlText).map(([wb, sheet]) =>
              zipSync({
                '[Content_Types].xml': strToU8('<Types/>'),
                'xl/workbook.xml': strToU8(
                  `<workbook><sheets><sheet name="Học sinh" sheetId="1" r:id="rId1"/></sheets>${wb}</workbook>`,
                ),
                'xl/_rels/workbook.xml.rels': strToU8(
                  '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
                ),
                'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
              }),
            ),
          ),
          async (bytes) => {
            const file = path.join(dir, `f${n++}.xlsx`);
            writeFileSync(file, bytes);
            // As the import service does: the container check first (a message, never an exception), then the
            // streaming read, whose failure the service reports as UNSUPPORTED_FILE. What must not happen: an
            // exception escaping the stream (an unhandled error fails this file) or a read that never ends.
            const damaged = await checkXlsxContainer(file);
            expect(damaged === null || typeof damaged === 'string').toBe(true);
            if (damaged) return note('import-sheet', false);
            try {
              let events = 0;
              for await (const _ of withStallTimeout(
                readSheetEvents(file),
                5_000,
                () => new Error('stalled'),
              ))
                if (++events > 10_000) break;
              note('import-sheet', true);
            } catch (err) {
              expect((err as Error).message).not.toBe('stalled');
              note('import-sheet', false);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'ZKTeco iclock payloads: ATTLOG lines, upload bodies, commands and command results',
    () => {
      const field = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.constantFrom(
          '1001',
          '2025-03-10 07:12:44',
          '0',
          '15',
          '255',
          '\t',
          '\r\n',
          '',
          '9999-99-99 99:99:99',
          '-1',
          '1e309',
        ),
      );
      fc.assert(
        fc.property(
          fc.array(field, { maxLength: 10 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          (fields, raw) =>
            expectClean('iclock', () => {
              const line = fields.join('\t');
              const r = parseAttlogLine(line);
              expect(typeof r.ok).toBe('boolean');
              uploadLines(`${line}\n${raw}`);
              decodeCommand(raw);
              parseCommandResults(`ID=${fields[0] ?? ''}&Return=${fields[1] ?? ''}&CMD=${raw}`);
            }),
        ),
        { numRuns: RUNS },
      );
    },
    FUZZ_TIMEOUT,
  );
});
