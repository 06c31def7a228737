import { z } from 'zod';
import { Uuid } from './common';

/**
 * Dự báo quy mô học sinh và đội ngũ (issue 5 §5): enrolment per grade for 5 and 10 years by the cohort-survival
 * method, classes under the class-size caps, teachers under Circular 20/2023 and the surplus or shortage per
 * subject group.
 */

export const ForecastQuery = z.object({
  unitId: Uuid,
  horizon: z.coerce.number().int().min(1).max(15).default(10),
  /** Class-size caps (Circular 28/2020 primary 35, Circular 32/2020 secondary 45). */
  capTh: z.coerce.number().int().min(10).max(60).default(35),
  capThcs: z.coerce.number().int().min(10).max(60).default(45),
  capThpt: z.coerce.number().int().min(10).max(60).default(45),
  /** Grade-1 intake ratio of births six years earlier (estimated from the history when absent). */
  intakeRatio: z.coerce.number().min(0).max(5).optional(),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastGrade = z.object({
  grade: z.number().int(),
  students: z.number().int(),
  classes: z.number().int(),
});
export const ForecastYear = z.object({
  year: z.number().int(),
  /** 'history' (recorded), 'base' (latest recorded year), 'projected'. */
  kind: z.enum(['history', 'base', 'projected']),
  grades: z.array(ForecastGrade),
  students: z.number().int(),
  classes: z.number().int(),
  /** Teachers under the Circular 20/2023 norm (per class ratio + Đội teacher). */
  normTeachers: z.number(),
});
export type ForecastYear = z.infer<typeof ForecastYear>;

export const StaffingHighlight = z.enum(['english', 'it', 'music']);
export const StaffingLine = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['TH', 'THCS', 'THPT']),
  highlight: StaffingHighlight.nullable(),
  pooled: z.boolean(),
  fte: z.number(),
  needed: z.number().int(),
  current: z.number().int(),
  /** current − needed: > 0 surplus (thừa), < 0 shortage (thiếu); null for pooled groups. */
  balance: z.number().int().nullable(),
});
export type StaffingLine = z.infer<typeof StaffingLine>;
export const StaffingAt = z.object({
  year: z.number().int(),
  offset: z.number().int(),
  lines: z.array(StaffingLine),
  normTeachers: z.number(),
  currentTeachers: z.number().int(),
});
export type StaffingAt = z.infer<typeof StaffingAt>;

export const SchoolForecast = z.object({
  schoolId: Uuid,
  code: z.string(),
  name: z.string(),
  level: z.string().nullable(),
  grades: z.array(z.number().int()),
  survival: z.array(z.object({ fromGrade: z.number().int(), ratio: z.number() })),
  /** Share of the department's entry grade this school takes (grade 1, 6 or 10). */
  entryShare: z.number().nullable(),
  years: z.array(ForecastYear),
  staffing: z.array(StaffingAt),
});
export type SchoolForecast = z.infer<typeof SchoolForecast>;

export const ForecastReport = z.object({
  unit: z.object({ id: Uuid, name: z.string(), kind: z.string() }),
  baseYear: z.number().int().nullable(),
  horizon: z.number().int(),
  limits: z.object({ TH: z.number().int(), THCS: z.number().int(), THPT: z.number().int() }),
  norms: z.object({
    perClass: z.object({ TH: z.number(), THCS: z.number(), THPT: z.number() }),
    weeklyLoad: z.object({ TH: z.number(), THCS: z.number(), THPT: z.number() }),
  }),
  intake: z.object({
    method: z.enum(['births', 'recent_mean']),
    ratio: z.number().nullable(),
    ratioSource: z.enum(['entered', 'estimated']).nullable(),
    births: z.array(
      z.object({ birthYear: z.number().int(), births: z.number().int(), extrapolated: z.boolean() }),
    ),
  }),
  department: z.object({ years: z.array(ForecastYear), staffing: z.array(StaffingAt) }),
  schools: z.array(SchoolForecast),
});
export type ForecastReport = z.infer<typeof ForecastReport>;

// ---- inputs
export const BirthsQuery = z.object({ unitId: Uuid });
export const BirthRow = z.object({
  commune: z.string().trim().min(1).max(120),
  birthYear: z.number().int().min(1990).max(2100),
  births: z.number().int().min(0).max(1_000_000),
});
export type BirthRow = z.infer<typeof BirthRow>;
export const BirthsBody = z.object({ unitId: Uuid, rows: z.array(BirthRow).min(1).max(2000) });
export const BirthsList = z.object({ unitId: Uuid, rows: z.array(BirthRow) });

export const EnrolmentHistoryRow = z.object({
  year: z.number().int().min(1990).max(2100),
  grade: z.number().int().min(1).max(12),
  students: z.number().int().min(0).max(100_000),
  source: z.enum(['registry', 'reported']),
});
export type EnrolmentHistoryRow = z.infer<typeof EnrolmentHistoryRow>;
export const EnrolmentHistory = z.object({ schoolId: Uuid, rows: z.array(EnrolmentHistoryRow) });
export const EnrolmentHistoryBody = z.object({
  rows: z
    .array(EnrolmentHistoryRow.omit({ source: true }))
    .min(1)
    .max(500),
});
export const ForecastRefreshBody = z.object({ unitId: Uuid });
export const ForecastRefreshResult = z.object({ schools: z.number().int(), rows: z.number().int() });
