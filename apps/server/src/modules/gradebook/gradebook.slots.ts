import type { GradeSlot, GradingCircular } from '@smartedu/contracts';
import { periodicTestRequired, regularAssessmentCount } from '@smartedu/domain';

/** What the gradebook needs to know about a subject in one grade. */
export type SubjectMeta = {
  id: string;
  code: string;
  name: string;
  /** scored | comment (Circular 22); level | level_test (Circular 27). */
  assessment: string;
  sortOrder: number;
  periodsPerYear: number;
};

export const circularOf = (grade: number): GradingCircular => (grade <= 5 ? 'TT27' : 'TT22');

/**
 * The grid's columns for a subject, grade and term. Circular 22: the ĐĐGtx count from the periods per year
 * (`regularAssessmentCount`), one ĐĐGgk and one ĐĐGck. Circular 27: the levels at mid-term and end of term,
 * and the periodic tests where `periodicTestRequired` says so. Every subject ends with the remark (NX).
 */
export function slotsFor(subject: SubjectMeta, grade: number, termNo: number): GradeSlot[] {
  const slots: GradeSlot[] = [];
  if (circularOf(grade) === 'TT22') {
    const kind = subject.assessment === 'comment' ? 'comment' : 'scored';
    const valueType = kind === 'scored' ? 'score' : 'comment_result';
    const count = regularAssessmentCount(kind, subject.periodsPerYear);
    for (let i = 1; i <= count; i++) {
      slots.push({ code: `TX${i}`, kind: 'regular', index: i, label: `TX${i}`, valueType, required: true });
    }
    slots.push({ code: 'GK', kind: 'midterm', index: 0, label: 'GK', valueType, required: true });
    slots.push({ code: 'CK', kind: 'endterm', index: 0, label: 'CK', valueType, required: true });
  } else {
    const mid = termNo === 1 ? 'mid1' : 'mid2';
    const end = termNo === 1 ? 'end1' : 'end2';
    slots.push({ code: 'GK', kind: 'midterm', index: 0, label: 'GK', valueType: 'level', required: false });
    if (periodicTestRequired(subject.code, grade, mid)) {
      slots.push({
        code: 'KTGK',
        kind: 'test_mid',
        index: 0,
        label: 'KT GK',
        valueType: 'test_score',
        required: false,
      });
    }
    slots.push({ code: 'CK', kind: 'endterm', index: 0, label: 'CK', valueType: 'level', required: true });
    if (periodicTestRequired(subject.code, grade, end)) {
      slots.push({
        code: 'KTCK',
        kind: 'test_end',
        index: 0,
        label: 'KT CK',
        valueType: 'test_score',
        required: true,
      });
    }
  }
  slots.push({ code: 'NX', kind: 'remark', index: 0, label: 'Nhận xét', valueType: 'text', required: false });
  return slots;
}
