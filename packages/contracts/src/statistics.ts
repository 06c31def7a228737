import { z } from 'zod';
import { Uuid } from './common';
import { TrafficLight } from './operations';

/**
 * Thống kê giáo dục điện tử and the quarterly report cycle (seed 003 §5, §III), and score comparisons between
 * schools (seed 004 §1).
 */

export const StatFieldSource = z.enum(['registry', 'school']);
export const StatFormDefinition = z.object({
  code: z.string(),
  title: z.string(),
  basis: z.string(),
  sections: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      rows: z.array(z.object({ key: z.string(), label: z.string() })),
      columns: z.array(z.object({ key: z.string(), label: z.string(), source: StatFieldSource })),
    }),
  ),
  checks: z.array(
    z.union([
      z.object({ kind: z.literal('sum'), total: z.string(), parts: z.array(z.string()) }),
      z.object({ kind: z.literal('lte'), part: z.string(), whole: z.string() }),
    ]),
  ),
});
export type StatFormDefinition = z.infer<typeof StatFormDefinition>;

export const StatQuarter = z.number().int().min(1).max(4);
export const StatPeriodCreateBody = z.object({
  /** The department that collects the reports (every active school under it reports). */
  unitId: Uuid,
  year: z.number().int().min(2000).max(2200),
  quarter: StatQuarter,
});
export type StatPeriodCreateBody = z.infer<typeof StatPeriodCreateBody>;

export const StatSubmissionStatus = z.enum(['not_started', 'draft', 'submitted', 'accepted', 'returned']);
export type StatSubmissionStatus = z.infer<typeof StatSubmissionStatus>;

export const StatPeriodSummary = z.object({
  id: Uuid,
  unitId: Uuid,
  unitName: z.string(),
  formCode: z.string(),
  title: z.string(),
  year: z.number().int(),
  quarter: z.number().int(),
  /** 'Quý IV/2026' */
  label: z.string(),
  deadlineAt: z.string(),
  /** '17:00 ngày 25/12/2026' (Asia/Ho_Chi_Minh) */
  deadlineText: z.string(),
  pastDeadline: z.boolean(),
  counts: z.object({
    schools: z.number().int(),
    submitted: z.number().int(),
    accepted: z.number().int(),
    returned: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
  }),
});
export type StatPeriodSummary = z.infer<typeof StatPeriodSummary>;
export const StatPeriodListQuery = z.object({ unitId: Uuid.optional() });

export const StatSchoolStatus = z.object({
  schoolId: Uuid,
  schoolName: z.string(),
  schoolCode: z.string(),
  status: StatSubmissionStatus,
  submittedAt: z.string().nullable(),
  late: z.boolean(),
  /** Not submitted and the deadline has passed. */
  overdue: z.boolean(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reminders: z.array(z.object({ kind: z.string(), sentAt: z.string() })),
});
export type StatSchoolStatus = z.infer<typeof StatSchoolStatus>;
export const StatPeriodDetail = StatPeriodSummary.extend({
  definition: StatFormDefinition,
  schools: z.array(StatSchoolStatus),
});
export type StatPeriodDetail = z.infer<typeof StatPeriodDetail>;

export const StatSubmission = z.object({
  period: StatPeriodSummary.omit({ counts: true }),
  definition: StatFormDefinition,
  school: StatSchoolStatus,
  /** Every field of the form: registry fields counted now (or at submission), the school's own entries. */
  values: z.record(z.string(), z.number().int().nullable()),
});
export type StatSubmission = z.infer<typeof StatSubmission>;

/** The school's own fields (registry fields are counted by the server and cannot be typed in). */
export const StatSubmissionBody = z.object({
  values: z.record(z.string(), z.number().nullable()),
});
export type StatSubmissionBody = z.infer<typeof StatSubmissionBody>;

export const StatReviewBody = z.object({
  decision: z.enum(['accept', 'return']),
  comment: z.string().trim().max(2000).optional(),
});
export type StatReviewBody = z.infer<typeof StatReviewBody>;

export const StatReport = z.object({
  period: StatPeriodSummary,
  unit: z.object({ id: Uuid, name: z.string() }),
  parentName: z.string().nullable(),
  definition: StatFormDefinition,
  /** Sum over the schools whose report is submitted or accepted. */
  totals: z.record(z.string(), z.number().int()),
  schools: z.array(StatSchoolStatus.extend({ values: z.record(z.string(), z.number().int()).nullable() })),
  targets: z.array(
    z.object({
      planCode: z.string(),
      code: z.string(),
      title: z.string(),
      measure: z.string(),
      value: z.number().nullable(),
      targetValue: z.number(),
      status: TrafficLight,
    }),
  ),
  generatedAt: z.string(),
});
export type StatReport = z.infer<typeof StatReport>;

export const ScoreSource = z.enum(['gradebook', 'exam']);
export const ScoreComparisonQuery = z.object({
  unitId: Uuid.optional(),
  source: ScoreSource.default('gradebook'),
  /** Gradebook: the period of the results (ĐTB học kì / cả năm). */
  period: z.enum(['term1', 'term2', 'year']).default('year'),
  schoolYearId: Uuid.optional(),
  /** Exams: the city-wide exam. */
  examId: Uuid.optional(),
});
export type ScoreComparisonQuery = z.infer<typeof ScoreComparisonQuery>;
export const ScoreComparison = z.object({
  unit: z.object({ id: Uuid, name: z.string(), kind: z.string() }),
  /** The unit whose mean the schools are compared with (the city / district department). */
  reference: z.object({ id: Uuid, name: z.string() }),
  source: ScoreSource,
  title: z.string(),
  binLabels: z.array(z.string()),
  exams: z.array(z.object({ id: Uuid, title: z.string(), closesAt: z.string() })),
  examId: Uuid.nullable(),
  subjects: z.array(
    z.object({
      subject: z.string(),
      count: z.number().int(),
      mean: z.number().nullable(),
      bins: z.array(z.number().int()),
      schools: z.array(
        z.object({
          schoolId: Uuid,
          schoolName: z.string(),
          count: z.number().int(),
          mean: z.number().nullable(),
          gap: z.number().nullable(),
          bins: z.array(z.number().int()),
        }),
      ),
    }),
  ),
});
export type ScoreComparison = z.infer<typeof ScoreComparison>;
