import { formatGradeAverage, formatGradeCell, type SubjectPeriodResult } from '@smartedu/contracts';
import {
  COMMENT_RESULT_LABELS,
  CONDUCT_LEVEL_LABELS,
  type Label,
  LEARNING_LEVEL_LABELS,
  PRIMARY_YEAR_RESULT_LABELS,
  PROMOTION_OUTCOME_LABELS,
  QUALITY_LEVEL_LABELS,
  STUDENT_AWARD_LABELS,
  SUBJECT_LEVEL_LABELS,
} from '@smartedu/domain';
import { i18n } from '../../i18n';

/** Display labels come from the domain package (the law's words), in the interface language. */
const lang = () => (i18n.language?.startsWith('en') ? 'en' : 'vi');
const pick = (labels: Readonly<Record<string, Label>>, code: string | null | undefined) =>
  code ? (labels[code]?.[lang()] ?? code) : '';

export const learningLabel = (code: string | null | undefined) => pick(LEARNING_LEVEL_LABELS, code);
export const conductLabel = (code: string | null | undefined) => pick(CONDUCT_LEVEL_LABELS, code);
export const promotionLabel = (code: string | null | undefined) => pick(PROMOTION_OUTCOME_LABELS, code);
export const awardLabel = (code: string | null | undefined) => pick(STUDENT_AWARD_LABELS, code);
export const primaryResultLabel = (code: string | null | undefined) => pick(PRIMARY_YEAR_RESULT_LABELS, code);
export const qualityLabel = (code: string | null | undefined) => pick(QUALITY_LEVEL_LABELS, code);

/** A subject's period result in a cell: 8,5 · Đ / CĐ · T / H / C (with the test score for primary). */
export function shortResult(r: SubjectPeriodResult | null | undefined, circular: 'TT22' | 'TT27'): string {
  if (!r) return '';
  if (r.average !== null) return formatGradeAverage(r.average);
  if (!r.result) return '';
  const text = formatGradeCell(circular === 'TT27' ? 'level' : 'comment_result', r.result);
  return r.testScore !== null ? `${text} (${r.testScore})` : text;
}

/** The same in words, for the family report: '8,5', 'Đạt', 'Hoàn thành tốt · KTĐK 9'. */
export function longResult(r: SubjectPeriodResult | null | undefined, circular: 'TT22' | 'TT27'): string {
  if (!r) return '';
  if (r.average !== null) return formatGradeAverage(r.average);
  if (!r.result) return '';
  const text =
    circular === 'TT27' ? pick(SUBJECT_LEVEL_LABELS, r.result) : pick(COMMENT_RESULT_LABELS, r.result);
  return r.testScore !== null ? `${text} · ${r.testScore}` : text;
}
