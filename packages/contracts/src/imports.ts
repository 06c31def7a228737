import { z } from 'zod';
import { Uuid } from './common';

export const ImportKind = z.enum(['students', 'guardians', 'staff', 'classes']);
export type ImportKind = z.infer<typeof ImportKind>;

/** One problem in an uploaded sheet: row and column as the user sees them in Excel. */
export const ImportRowError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportJob = z.object({
  id: Uuid,
  schoolId: Uuid,
  kind: ImportKind,
  fileName: z.string(),
  status: z.enum(['validated', 'committed', 'failed', 'discarded']),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportRowError),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** all: all-or-nothing (refused while any row has an error); valid: write only the valid rows. */
export const ImportCommitBody = z.object({ mode: z.enum(['all', 'valid']) });
