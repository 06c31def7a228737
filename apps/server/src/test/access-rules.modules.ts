import { ATTENDANCE_ACCESS_RULES } from '../modules/attendance/attendance.access-rules';
import { CONTACT_BOOK_ACCESS_RULES } from '../modules/contact-book/contact-book.access-rules';
import { DISCLOSURE_ACCESS_RULES } from '../modules/disclosure/disclosure.access-rules';
import { EXAMS_ACCESS_RULES } from '../modules/exams/exams.access-rules';
import { FORECASTS_ACCESS_RULES } from '../modules/forecasts/forecasts.access-rules';
import { GRADEBOOK_ACCESS_RULES } from '../modules/gradebook/gradebook.access-rules';
import { IMPORTS_ACCESS_RULES } from '../modules/imports/imports.access-rules';
import { OPERATIONS_ACCESS_RULES } from '../modules/operations/operations.access-rules';
import { PRIVACY_ACCESS_RULES } from '../modules/privacy/privacy.access-rules';
import { QUESTION_BANK_ACCESS_RULES } from '../modules/question-bank/question-bank.access-rules';
import { STATISTICS_ACCESS_RULES } from '../modules/statistics/statistics.access-rules';
import { TRANSCRIPTS_ACCESS_RULES } from '../modules/transcripts/transcripts.access-rules';
import type { Rule } from './access-rules';

/**
 * Access rules contributed by modules beyond the registry: each module keeps its rules beside its routes in
 * `<module>.access-rules.ts`; add one spread line here when a module gains routes.
 */
export const MODULE_RULES: Record<string, Rule> = {
  ...ATTENDANCE_ACCESS_RULES,
  ...CONTACT_BOOK_ACCESS_RULES,
  ...DISCLOSURE_ACCESS_RULES,
  ...EXAMS_ACCESS_RULES,
  ...FORECASTS_ACCESS_RULES,
  ...GRADEBOOK_ACCESS_RULES,
  ...IMPORTS_ACCESS_RULES,
  ...OPERATIONS_ACCESS_RULES,
  ...PRIVACY_ACCESS_RULES,
  ...QUESTION_BANK_ACCESS_RULES,
  ...STATISTICS_ACCESS_RULES,
  ...TRANSCRIPTS_ACCESS_RULES,
};
