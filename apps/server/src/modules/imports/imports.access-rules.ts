import type { Rule } from '../../test/access-rules';
import { S } from '../../test/access-rules';

/**
 * Access rules for the Excel import/export routes. Uploads, job reads, commits and discards need a job created
 * by an upload (multipart): their refusals for other schools and for teachers are tested in
 * imports.routes.test.ts, as is the export scope (an export lists exactly what the list page lists).
 */
export const IMPORTS_ACCESS_RULES: Record<string, Rule> = {
  'POST /api/schools/{schoolId}/imports/{kind}': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts',
  },
  'GET /api/schools/{schoolId}/imports': {
    kind: 'record',
    permission: 'imports.run',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/imports` }),
  },
  'GET /api/schools/{schoolId}/imports/{id}': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts',
  },
  'DELETE /api/schools/{schoolId}/imports/{id}': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts',
  },
  'POST /api/schools/{schoolId}/imports/{id}/commit': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts',
  },
  'GET /api/schools/{schoolId}/imports/templates/{kind}.xlsx': {
    kind: 'record',
    permission: 'imports.run',
    probe: (f, w) => ({ method: 'GET', url: `/api/schools/${S(f, w)}/imports/templates/students.xlsx` }),
  },
  'GET /api/export/students.xlsx': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts (export follows the list scope)',
  },
  'GET /api/export/guardians.xlsx': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts (export follows the list scope)',
  },
  'GET /api/export/staff.xlsx': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts (export follows the list scope)',
  },
  'GET /api/export/classes.xlsx': {
    kind: 'covered',
    by: 'modules/imports/imports.routes.test.ts (export follows the list scope)',
  },
};
