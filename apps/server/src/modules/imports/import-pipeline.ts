import type { Readable } from 'node:stream';
import type { KindSpec, Lookups } from './import-spec';
import {
  createSpillWriter,
  readSheetEvents,
  readSpill,
  withStallTimeout,
  workbookSource,
} from './sheet-reader';
import { createSheetValidator, type SheetSummary } from './sheet-validator';

/**
 * Receives each valid record as the sheet streams by (commit batches them into the database). It returns a
 * promise only when it has work to wait for (a batch to write), so most rows cost no await.
 */
export type RecordSink<R> = (record: R, row: number) => undefined | Promise<void>;

export type ValidationResult = SheetSummary & { sheetName: string };

/** A workbook whose reader makes no progress for this long is given up as damaged. */
const STALL_MS = 120_000;

/**
 * Streams a workbook through the validator. With `spillTo`, every non-empty row's normalised cells are also
 * written to that file, so commit can re-validate without parsing the workbook again.
 */
export async function validateWorkbook<R>(
  spec: KindSpec<R>,
  lookups: Lookups,
  input: string | Readable,
  opts: { spillTo?: string; onRecord?: RecordSink<R> } = {},
): Promise<ValidationResult> {
  const spill = opts.spillTo ? createSpillWriter(opts.spillTo) : null;
  let sheetName = '';
  let context: Lookups = lookups;
  let validator = createSheetValidator(spec, context);
  let headerSeen = false;
  const startHeader = async (values: readonly unknown[]) => {
    headerSeen = true;
    validator.header(values);
    await spill?.header({
      v: 1,
      letters: [...validator.letters],
      date1904: context.date1904,
      sheetName,
    });
  };
  try {
    const events = withStallTimeout(
      readSheetEvents(typeof input === 'string' ? await workbookSource(input) : input),
      STALL_MS,
      () => new Error('workbook reader stalled'),
    );
    for await (const ev of events) {
      if (ev.type === 'sheet') {
        sheetName = ev.name;
        context = { ...lookups, date1904: ev.date1904 };
        validator = createSheetValidator(spec, context, { sheetName });
      } else if (ev.type === 'rows') {
        for (const { row, values } of ev.rows) {
          if (!headerSeen) {
            if (row === 1) {
              await startHeader(values);
              continue;
            }
            await startHeader([]);
          }
          const cells = validator.cellsOf(values);
          if (cells === null) continue; // empty (or only unmapped columns): ignored
          const flushing = spill?.row(row, cells);
          if (flushing) await flushing;
          const result = validator.row(row, cells);
          if (result.ok && opts.onRecord) {
            const writing = opts.onRecord(result.record, row);
            if (writing) await writing;
          }
        }
      } else {
        if (!headerSeen) await startHeader([]);
        validator.merges(ev.merges);
      }
    }
    await spill?.close();
  } catch (err) {
    spill?.abort();
    throw err;
  }
  return { ...validator.finish(), sheetName };
}

/** Re-validates the rows kept by `validateWorkbook` (the header was checked then and is not repeated). */
export async function validateSpill<R>(
  spec: KindSpec<R>,
  lookups: Lookups,
  file: string,
  opts: { onRecord?: RecordSink<R> } = {},
): Promise<ValidationResult> {
  let sheetName = '';
  let validator = createSheetValidator(spec, lookups);
  for await (const ev of readSpill(file)) {
    if (ev.type === 'header') {
      sheetName = ev.header.sheetName;
      validator = createSheetValidator(spec, { ...lookups, date1904: ev.header.date1904 }, { sheetName });
      validator.useLetters(ev.header.letters);
      continue;
    }
    const result = validator.row(ev.row, ev.cells);
    if (result.ok && opts.onRecord) {
      const writing = opts.onRecord(result.record, ev.row);
      if (writing) await writing;
    }
  }
  return { ...validator.finish(), sheetName };
}
