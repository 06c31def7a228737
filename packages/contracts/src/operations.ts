import { z } from 'zod';
import { IsoDate, PageQuery, Uuid } from './common';
import { PlainText } from './plain-text';

/**
 * Trung tâm điều hành (operations centre): plans and targets with traffic lights, drill-down, history; the
 * smart-classroom pilot (rooms, equipment, usage, budget, contributions, inspections, commendations); the
 * department and school dashboards. Amounts are in đồng (integers).
 */

export const TrafficLight = z.enum(['on_track', 'at_risk', 'off_track', 'no_data']);
export type TrafficLight = z.infer<typeof TrafficLight>;
export const TargetKind = z.enum(['computed', 'reported']);
export const TargetMeasure = z.enum(['percent', 'count', 'ratio']);
export const TargetComparator = z.enum(['gte', 'lte']);
export const PlanStatus = z.enum(['draft', 'active', 'closed']);
const Money = z.number().int().min(0).max(1e13);
/** Plain text (tags removed, see plain-text.ts), not empty after cleaning. */
const Text = (max: number) => PlainText(max).pipe(z.string().min(1));

export const OpsConfig = z.object({
  /** Map tile URL template ('https://…/{z}/{x}/{y}.png'); null = markers on a plain background. */
  tileUrl: z.string().nullable(),
  tileAttribution: z.string().nullable(),
});
export type OpsConfig = z.infer<typeof OpsConfig>;

export const LightCounts = z.object({
  on_track: z.number().int(),
  at_risk: z.number().int(),
  off_track: z.number().int(),
  no_data: z.number().int(),
});

// ---- Plans and targets
export const TargetProgress = z.object({
  id: Uuid,
  planId: Uuid,
  code: z.string(),
  title: z.string(),
  kind: TargetKind,
  definition: z.string().nullable(),
  measure: TargetMeasure,
  comparator: TargetComparator,
  targetValue: z.number(),
  atRiskMargin: z.number().nullable(),
  dueDate: IsoDate.nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  status: TrafficLight,
  /** Schools that have a value (computed) or have reported (reported), of the plan's schools. */
  schoolsWithData: z.number().int(),
  schoolCount: z.number().int(),
});
export type TargetProgress = z.infer<typeof TargetProgress>;

export const PlanSummary = z.object({
  id: Uuid,
  unitId: Uuid,
  unitName: z.string(),
  code: z.string(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: IsoDate,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  schoolYearId: Uuid.nullable(),
  status: PlanStatus,
  schoolCount: z.number().int(),
  targetCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PlanDetail = PlanSummary.extend({
  legalBasis: z.string().nullable(),
  objectives: z.string().nullable(),
  schools: z.array(z.object({ id: Uuid, name: z.string() })),
  targets: z.array(TargetProgress),
  lights: LightCounts,
  /** Oldest refresh time of the rollups read (ISO timestamp), null if never refreshed. */
  asOf: z.string().nullable(),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const PlanListQuery = PageQuery.extend({ unitId: Uuid.optional(), status: PlanStatus.optional() });
export const PlanCreateBody = z.object({
  unitId: Uuid,
  code: Text(60),
  title: Text(300),
  issuer: Text(200),
  issuedOn: IsoDate,
  legalBasis: z.string().trim().max(4000).nullish(),
  objectives: z.string().trim().max(4000).nullish(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  schoolYearId: Uuid.nullish(),
  status: PlanStatus.default('active'),
  schoolIds: z.array(Uuid).max(2000).default([]),
});
/** Defaults do not apply to an update: what is not sent is not changed. */
export const PlanUpdateBody = z.object({
  code: Text(60).optional(),
  title: Text(300).optional(),
  issuer: Text(200).optional(),
  issuedOn: IsoDate.optional(),
  legalBasis: z.string().trim().max(4000).nullish(),
  objectives: z.string().trim().max(4000).nullish(),
  periodStart: IsoDate.optional(),
  periodEnd: IsoDate.optional(),
  schoolYearId: Uuid.nullish(),
  status: PlanStatus.optional(),
  schoolIds: z.array(Uuid).max(2000).optional(),
});

export const TargetCreateBody = z.object({
  code: Text(30),
  title: Text(400),
  kind: TargetKind,
  definition: z.string().max(60).nullish(),
  measure: TargetMeasure,
  comparator: TargetComparator.default('gte'),
  targetValue: z.number().min(0).max(1e9),
  atRiskMargin: z.number().min(0).max(1e9).nullish(),
  dueDate: IsoDate.nullish(),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  /** Per-school goals (chỉ tiêu giao từng trường), e.g. rooms per school. */
  allocations: z
    .array(z.object({ schoolId: Uuid, targetValue: z.number().min(0).max(1e9) }))
    .max(2000)
    .optional(),
});
export const TargetUpdateBody = z.object({
  code: Text(30).optional(),
  title: Text(400).optional(),
  measure: TargetMeasure.optional(),
  comparator: TargetComparator.optional(),
  targetValue: z.number().min(0).max(1e9).optional(),
  atRiskMargin: z.number().min(0).max(1e9).nullish(),
  dueDate: IsoDate.nullish(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  allocations: z
    .array(z.object({ schoolId: Uuid, targetValue: z.number().min(0).max(1e9) }))
    .max(2000)
    .optional(),
});

export const TargetSchoolRow = z.object({
  schoolId: Uuid,
  schoolName: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** The school's own goal (allocation) or the plan's for shares; null for a count without allocation. */
  goal: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  status: TrafficLight,
  /** The latest report (reported targets). */
  report: z
    .object({
      asOf: IsoDate,
      evidence: z.string(),
      note: z.string().nullable(),
      reportedByName: z.string().nullable(),
    })
    .nullable(),
});
export const TargetSchools = z.object({ target: TargetProgress, schools: z.array(TargetSchoolRow) });
export type TargetSchools = z.infer<typeof TargetSchools>;

export const DrillOutcome = z.enum(['met', 'not_met', 'not_assessed']);
export const TargetRecordsQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  classId: Uuid.optional(),
  outcome: DrillOutcome.optional(),
});
/** One student (or class, room, teacher) behind a number. */
export const TargetRecord = z.object({
  id: Uuid,
  kind: z.enum(['student', 'class', 'room', 'teacher']),
  schoolId: Uuid,
  schoolName: z.string(),
  classId: Uuid.nullable(),
  className: z.string().nullable(),
  name: z.string(),
  outcome: DrillOutcome,
  /** What was counted, e.g. 'Phẩm chất: T T T Đ T (HK2)' or 'Học tập: K · Rèn luyện: T (cả năm)'. */
  detail: z.string(),
});
export type TargetRecord = z.infer<typeof TargetRecord>;

export const TargetHistoryQuery = z.object({ schoolId: Uuid.optional() });
export const TargetHistory = z.object({
  targetId: Uuid,
  schoolId: Uuid.nullable(),
  points: z.array(
    z.object({
      day: IsoDate,
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      value: z.number().nullable(),
      status: TrafficLight,
    }),
  ),
});
export type TargetHistory = z.infer<typeof TargetHistory>;

export const TargetReportBody = z.object({
  targetId: Uuid,
  asOf: IsoDate,
  numerator: z.number().min(0).max(1e9),
  denominator: z.number().min(0).max(1e9).nullish(),
  evidence: Text(2000),
  note: PlainText(2000).nullish(),
});
export const TargetReport = z.object({
  id: Uuid,
  schoolId: Uuid,
  targetId: Uuid,
  asOf: IsoDate,
  numerator: z.number(),
  denominator: z.number().nullable(),
  evidence: z.string(),
  note: z.string().nullable(),
  reportedByName: z.string().nullable(),
  reportedAt: z.string(),
});

// ---- Dashboard
export const DashboardQuery = z.object({ unitId: Uuid.optional() });
export const DashboardAlert = z.object({
  kind: z.enum([
    'late_report',
    'attendance_drop',
    'attendance_missing',
    'target_at_risk',
    'equipment_broken',
    'stale_rollup',
  ]),
  severity: z.enum(['info', 'warning', 'critical']),
  message: z.string(),
  schoolId: Uuid.nullable(),
  schoolName: z.string().nullable(),
  planId: Uuid.nullable(),
  targetId: Uuid.nullable(),
});
export type DashboardAlert = z.infer<typeof DashboardAlert>;
export const DashboardSchool = z.object({
  id: Uuid,
  name: z.string(),
  code: z.string(),
  level: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  students: z.number(),
  classes: z.number(),
  smartClasses: z.number(),
  attendanceRate: z.number().nullable(),
  equipmentBroken: z.number(),
  /** The worst light of the targets of the plans this school takes part in. */
  status: TrafficLight,
});
export const DashboardClass = z.object({
  id: Uuid,
  name: z.string(),
  grade: z.number().int(),
  isSmart: z.boolean(),
  students: z.number(),
  absentToday: z.number().nullable(),
});
export const OpsDashboard = z.object({
  unit: z.object({ id: Uuid, name: z.string(), kind: z.string() }),
  schoolYear: z.object({ id: Uuid, name: z.string() }).nullable(),
  today: IsoDate,
  /** The day the attendance figures are for: today in term time, else the last day with a roll. */
  attendanceDay: IsoDate,
  asOf: z.string().nullable(),
  kpis: z.object({
    schools: z.number().int(),
    classes: z.number(),
    smartClasses: z.number(),
    students: z.number(),
    smartStudents: z.number(),
    attendance: z.object({
      classesWithRoll: z.number(),
      expected: z.number(),
      absent: z.number(),
      rate: z.number().nullable(),
    }),
    equipment: z.object({
      total: z.number(),
      working: z.number(),
      broken: z.number(),
      repairing: z.number(),
      retired: z.number(),
    }),
    gradeEntries: z.number(),
    /** Exams (kỳ thi) whose window is open now, among those the unit's schools take part in. */
    examsInProgress: z.number().nullable(),
  }),
  attendanceTrend: z.array(
    z.object({ day: IsoDate, rate: z.number().nullable(), absent: z.number(), expected: z.number() }),
  ),
  equipmentByKind: z.array(z.object({ kind: z.string(), total: z.number(), working: z.number() })),
  schools: z.array(DashboardSchool),
  classes: z.array(DashboardClass),
  plans: z.array(
    z.object({
      id: Uuid,
      code: z.string(),
      title: z.string(),
      lights: LightCounts,
      targets: z.array(TargetProgress),
    }),
  ),
  alerts: z.array(DashboardAlert),
});
export type OpsDashboard = z.infer<typeof OpsDashboard>;

export const RefreshBody = z.object({ unitId: Uuid.optional() });
export const RefreshResult = z.object({ schools: z.number().int(), ms: z.number() });

// ---- Smart-classroom pilot
export const RoomStatus = z.enum(['planned', 'equipping', 'in_use', 'maintenance']);
export const EquipmentKind = z.enum([
  'interactive_board',
  'tablet',
  'laptop',
  'computer',
  'camera',
  'charging_cabinet',
  'software_license',
  'other',
]);
export const EquipmentStatus = z.enum(['working', 'broken', 'repairing', 'retired']);
export const FundingSource = z.enum(['budget', 'parents', 'donor']);

export const SmartRoom = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  name: z.string(),
  classId: Uuid.nullable(),
  className: z.string().nullable(),
  planId: Uuid.nullable(),
  status: RoomStatus,
  commissionedOn: IsoDate.nullable(),
  note: z.string().nullable(),
  equipmentCount: z.number(),
  brokenCount: z.number(),
  lastUsedOn: IsoDate.nullable(),
});
export const RoomListQuery = PageQuery.extend({ schoolId: Uuid.optional(), planId: Uuid.optional() });
export const RoomCreateBody = z.object({
  name: Text(200),
  classId: Uuid.nullish(),
  planId: Uuid.nullish(),
  status: RoomStatus.default('planned'),
  commissionedOn: IsoDate.nullish(),
  note: PlainText(2000).nullish(),
});

export const Equipment = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  roomId: Uuid.nullable(),
  roomName: z.string().nullable(),
  kind: EquipmentKind,
  name: z.string(),
  assetCode: z.string().nullable(),
  quantity: z.number().int(),
  status: EquipmentStatus,
  fundingSource: FundingSource,
  budgetLineId: Uuid.nullable(),
  unitCost: z.number().nullable(),
  acquiredOn: IsoDate.nullable(),
  licenseExpiresOn: IsoDate.nullable(),
  note: z.string().nullable(),
});
export type Equipment = z.infer<typeof Equipment>;
export const EquipmentListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  roomId: Uuid.optional(),
  kind: EquipmentKind.optional(),
  status: EquipmentStatus.optional(),
});
export const EquipmentCreateBody = z.object({
  roomId: Uuid.nullish(),
  kind: EquipmentKind,
  name: Text(200),
  assetCode: z.string().trim().max(60).nullish(),
  quantity: z.number().int().min(1).max(100_000).default(1),
  status: EquipmentStatus.default('working'),
  fundingSource: FundingSource.default('budget'),
  budgetLineId: Uuid.nullish(),
  unitCost: Money.nullish(),
  acquiredOn: IsoDate.nullish(),
  licenseExpiresOn: IsoDate.nullish(),
  note: PlainText(2000).nullish(),
});
export const EquipmentUpdateBody = z.object({
  roomId: Uuid.nullish(),
  kind: EquipmentKind.optional(),
  name: Text(200).optional(),
  assetCode: z.string().trim().max(60).nullish(),
  quantity: z.number().int().min(1).max(100_000).optional(),
  status: EquipmentStatus.optional(),
  fundingSource: FundingSource.optional(),
  budgetLineId: Uuid.nullish(),
  unitCost: Money.nullish(),
  acquiredOn: IsoDate.nullish(),
  licenseExpiresOn: IsoDate.nullish(),
  note: PlainText(2000).nullish(),
});

export const UsageLog = z.object({
  id: Uuid,
  schoolId: Uuid,
  roomId: Uuid,
  roomName: z.string(),
  classId: Uuid.nullable(),
  className: z.string().nullable(),
  staffId: Uuid.nullable(),
  staffName: z.string().nullable(),
  usedOn: IsoDate,
  periods: z.number().int(),
  activity: z.string().nullable(),
});
export const UsageListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  roomId: Uuid.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const UsageCreateBody = z.object({
  roomId: Uuid,
  classId: Uuid.nullish(),
  staffId: Uuid.nullish(),
  usedOn: IsoDate,
  periods: z.number().int().min(1).max(10).default(1),
  activity: z.string().trim().max(500).nullish(),
});

export const BudgetLine = z.object({
  id: Uuid,
  appendix: z.string(),
  code: z.string(),
  item: z.string(),
  unitName: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number(),
  amount: z.number(),
  fundingSource: FundingSource,
  spent: z.number(),
  remaining: z.number(),
});
export const Spending = z.object({
  id: Uuid,
  budgetLineId: Uuid,
  schoolId: Uuid.nullable(),
  schoolName: z.string().nullable(),
  spentOn: IsoDate,
  amount: z.number(),
  voucherNo: z.string().nullable(),
  description: z.string(),
});
export const PlanBudget = z.object({
  planId: Uuid,
  total: z.number(),
  spent: z.number(),
  remaining: z.number(),
  lines: z.array(BudgetLine),
  spending: z.array(Spending),
  bySchool: z.array(
    z.object({ schoolId: Uuid.nullable(), schoolName: z.string().nullable(), spent: z.number() }),
  ),
  contributions: z.object({ parents: z.number(), donors: z.number(), count: z.number().int() }),
});
export type PlanBudget = z.infer<typeof PlanBudget>;
export const BudgetLineCreateBody = z.object({
  appendix: Text(60),
  code: Text(20),
  item: Text(400),
  unitName: Text(40),
  quantity: z.number().int().min(1).max(1_000_000),
  unitPrice: Money,
  fundingSource: FundingSource.default('budget'),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export const SpendingCreateBody = z.object({
  budgetLineId: Uuid,
  schoolId: Uuid.nullish(),
  spentOn: IsoDate,
  amount: Money.refine((v) => v > 0, 'Số tiền phải lớn hơn 0'),
  voucherNo: z.string().trim().max(60).nullish(),
  description: Text(500),
});

export const Contribution = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  planId: Uuid.nullable(),
  contributorKind: z.enum(['parents', 'donor', 'organisation']),
  contributorName: z.string(),
  form: z.enum(['cash', 'in_kind']),
  amount: z.number(),
  description: z.string(),
  receivedOn: IsoDate,
});
export const ContributionListQuery = PageQuery.extend({ schoolId: Uuid.optional(), planId: Uuid.optional() });
export const ContributionCreateBody = z.object({
  planId: Uuid.nullish(),
  contributorKind: z.enum(['parents', 'donor', 'organisation']),
  contributorName: Text(200),
  form: z.enum(['cash', 'in_kind']),
  amount: Money,
  description: Text(1000),
  receivedOn: IsoDate,
});

export const InspectionFinding = z.object({
  severity: z.enum(['info', 'minor', 'major']),
  text: z.string(),
  recommendation: z.string().nullish(),
});
/** A finding as sent: plain text, cleaned (responses use InspectionFinding, without the transform). */
export const InspectionFindingInput = z.object({
  severity: z.enum(['info', 'minor', 'major']),
  text: Text(2000),
  recommendation: PlainText(2000).nullish(),
});
export const Inspection = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  planId: Uuid.nullable(),
  inspectedOn: IsoDate,
  team: z.string(),
  conclusion: z.string(),
  rating: z.enum(['good', 'fair', 'needs_improvement']).nullable(),
  findings: z.array(InspectionFinding),
});
export const InspectionListQuery = PageQuery.extend({ schoolId: Uuid.optional(), planId: Uuid.optional() });
export const InspectionCreateBody = z.object({
  schoolId: Uuid,
  inspectedOn: IsoDate,
  team: Text(300),
  conclusion: Text(4000),
  rating: z.enum(['good', 'fair', 'needs_improvement']).nullish(),
  findings: z.array(InspectionFindingInput).max(100).default([]),
});

export const Commendation = z.object({
  id: Uuid,
  schoolId: Uuid,
  schoolName: z.string(),
  planId: Uuid.nullable(),
  recipientKind: z.enum(['collective', 'individual']),
  recipientName: z.string(),
  staffId: Uuid.nullable(),
  title: z.string(),
  decisionNo: z.string().nullable(),
  decidedOn: IsoDate,
  reason: z.string(),
});
export const CommendationListQuery = PageQuery.extend({ schoolId: Uuid.optional(), planId: Uuid.optional() });
export const CommendationCreateBody = z.object({
  schoolId: Uuid,
  recipientKind: z.enum(['collective', 'individual']),
  recipientName: Text(200),
  staffId: Uuid.nullish(),
  title: Text(300),
  decisionNo: z.string().trim().max(60).nullish(),
  decidedOn: IsoDate,
  reason: Text(2000),
});
