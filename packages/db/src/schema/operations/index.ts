import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { schoolYears, units } from '../registry/units';

/**
 * Trung tâm điều hành (operations centre): plans and their targets, the smart-classroom pilot (rooms, equipment,
 * usage, budget, contributions, inspections, commendations) and the rollups the dashboards read.
 *
 * Plans, targets and budget lines belong to the unit that issued the plan (a department, sometimes a school):
 * small tables keyed by `unit_id` (Citus reference tables). Everything recorded by or about one school is
 * school-owned: `school_id` leads the primary key and every index (Citus distribution column).
 */

// Kế hoạch: a plan with its legal reference (căn cứ), period, objectives
export const opsPlans = pgTable(
  'ops_plans',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id), // the issuing / owning unit
    code: text('code').notNull(), // số hiệu: '596/KH-UBND'
    title: text('title').notNull(),
    issuer: text('issuer').notNull(), // 'UBND thành phố Lai Châu'
    issuedOn: date('issued_on').notNull(),
    legalBasis: text('legal_basis'), // căn cứ
    objectives: text('objectives'), // mục tiêu
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    schoolYearId: uuid('school_year_id').references(() => schoolYears.id),
    status: text('status').$type<'draft' | 'active' | 'closed'>().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ops_plans_unit_idx').on(t.unitId, t.periodStart)],
);

// Trường tham gia kế hoạch (the pilot schools)
export const opsPlanSchools = pgTable(
  'ops_plan_schools',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    planId: uuid('plan_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.planId] })],
);

// Chỉ tiêu: computed from records by a named definition, or reported by schools with evidence
export const opsTargets = pgTable(
  'ops_targets',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    code: text('code').notNull(), // 'II.2.a'
    title: text('title').notNull(),
    kind: text('kind').$type<'computed' | 'reported'>().notNull(),
    /** Named definition in @smartedu/domain TARGET_DEFINITIONS (computed targets). */
    definition: text('definition'),
    measure: text('measure').$type<'percent' | 'count' | 'ratio'>().notNull(),
    comparator: text('comparator').$type<'gte' | 'lte'>().notNull().default('gte'),
    targetValue: doublePrecision('target_value').notNull(),
    /** Below the target by up to this much (percentage points, or units for counts) is 'at risk'. */
    atRiskMargin: doublePrecision('at_risk_margin'),
    dueDate: date('due_date'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ops_targets_code_uq').on(t.planId, t.code)],
);

// Chỉ tiêu giao cho từng trường (optional per-school target value)
export const opsTargetAllocations = pgTable(
  'ops_target_allocations',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    targetId: uuid('target_id').notNull(),
    targetValue: doublePrecision('target_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.targetId] })],
);

// Báo cáo của trường cho chỉ tiêu tự báo cáo, kèm minh chứng
export const opsTargetReports = pgTable(
  'ops_target_reports',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    targetId: uuid('target_id').notNull(),
    asOf: date('as_of').notNull(),
    numerator: doublePrecision('numerator').notNull(),
    denominator: doublePrecision('denominator'),
    evidence: text('evidence').notNull(), // minh chứng: description, document number or link
    note: text('note'),
    reportedBy: uuid('reported_by'),
    reportedByName: text('reported_by_name'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('ops_target_reports_target_idx').on(t.schoolId, t.targetId, t.asOf),
  ],
);

/**
 * Rollup: one counter per school, school year, metric and dimension ('' = the whole school; a class id, a
 * date, an equipment kind or status…). Recomputed per school when its records change; dashboards and target
 * endpoints read only this table, never the raw rows.
 */
export const opsSchoolStats = pgTable(
  'ops_school_stats',
  {
    schoolId: uuid('school_id').notNull(),
    schoolYearId: uuid('school_year_id').notNull(),
    metric: text('metric').notNull(),
    dim: text('dim').notNull().default(''),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.schoolYearId, t.metric, t.dim] })],
);

/**
 * The same counters summed over a group of schools: every unit above a school (Phòng, Sở) and every plan the
 * school takes part in. Kept current by adding each school's change (new − old) when its rollup is
 * recomputed; rebuilt from `ops_school_stats` when a plan's schools change. Per-class rows are not summed.
 * Not school-owned (a group spans schools): under Citus a local table on the coordinator.
 */
export const opsGroupStats = pgTable(
  'ops_group_stats',
  {
    groupId: uuid('group_id').notNull(), // units.id or ops_plans.id
    schoolYearId: uuid('school_year_id').notNull(),
    metric: text('metric').notNull(),
    dim: text('dim').notNull().default(''),
    value: doublePrecision('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.schoolYearId, t.metric, t.dim] })],
);

/** When each school's rollup was last recomputed, and whether a change is waiting for it. */
export const opsRollupState = pgTable(
  'ops_rollup_state',
  {
    schoolId: uuid('school_id').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
    dirtySince: timestamp('dirty_since', { withTimezone: true }),
    refreshMs: integer('refresh_ms'),
  },
  (t) => [primaryKey({ columns: [t.schoolId] })],
);

/** Cursors of the change feeds the rollups follow (e.g. the audit log). Not school-owned. */
export const opsFeedCursors = pgTable('ops_feed_cursors', {
  name: text('name').primaryKey(),
  position: timestamp('position', { withTimezone: true }).notNull(),
});

/**
 * Lịch sử chỉ tiêu: one value per target, school and day, written on refresh. `school_id` is the plan's id for
 * the plan-wide figure; `target_id` is the plan's id for a school's summary light over the plan's targets.
 */
export const opsTargetSnapshots = pgTable(
  'ops_target_snapshots',
  {
    schoolId: uuid('school_id').notNull(),
    targetId: uuid('target_id').notNull(),
    day: date('day').notNull(),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    value: doublePrecision('value'),
    status: text('status').$type<'on_track' | 'at_risk' | 'off_track' | 'no_data'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.targetId, t.day] })],
);

// Phòng học thông minh
export const opsSmartRooms = pgTable(
  'ops_smart_rooms',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    classId: uuid('class_id'), // the class taught there
    planId: uuid('plan_id'), // the plan that equipped it
    status: text('status')
      .$type<'planned' | 'equipping' | 'in_use' | 'maintenance'>()
      .notNull()
      .default('planned'),
    commissionedOn: date('commissioned_on'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);

// Thiết bị: interactive boards, tablets, cameras, software licences… (quantity > 1 for a batch)
export const opsEquipment = pgTable(
  'ops_equipment',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    roomId: uuid('room_id'),
    kind: text('kind')
      .$type<
        | 'interactive_board'
        | 'tablet'
        | 'laptop'
        | 'computer'
        | 'camera'
        | 'charging_cabinet'
        | 'software_license'
        | 'other'
      >()
      .notNull(),
    name: text('name').notNull(),
    assetCode: text('asset_code'),
    quantity: integer('quantity').notNull().default(1),
    status: text('status')
      .$type<'working' | 'broken' | 'repairing' | 'retired'>()
      .notNull()
      .default('working'),
    fundingSource: text('funding_source').$type<'budget' | 'parents' | 'donor'>().notNull().default('budget'),
    budgetLineId: uuid('budget_line_id'),
    unitCost: bigint('unit_cost', { mode: 'number' }),
    acquiredOn: date('acquired_on'),
    licenseExpiresOn: date('license_expires_on'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('ops_equipment_room_idx').on(t.schoolId, t.roomId),
  ],
);

// Nhật ký sử dụng thiết bị
export const opsEquipmentUsage = pgTable(
  'ops_equipment_usage',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    roomId: uuid('room_id').notNull(),
    classId: uuid('class_id'),
    staffId: uuid('staff_id'), // the teacher
    subjectId: uuid('subject_id'),
    usedOn: date('used_on').notNull(),
    periods: integer('periods').notNull().default(1),
    activity: text('activity'),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.id] }),
    index('ops_equipment_usage_day_idx').on(t.schoolId, t.usedOn),
    index('ops_equipment_usage_staff_idx').on(t.schoolId, t.staffId),
  ],
);

// Dự toán: the plan's budget lines (Phụ lục), amounts in đồng
export const opsBudgetLines = pgTable(
  'ops_budget_lines',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    appendix: text('appendix').notNull(), // 'Phụ lục II-1'
    code: text('code').notNull(), // '1.1'
    item: text('item').notNull(),
    unitName: text('unit_name').notNull(), // đơn vị tính: 'chiếc', 'bộ', 'phòng'
    quantity: integer('quantity').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    fundingSource: text('funding_source').$type<'budget' | 'parents' | 'donor'>().notNull().default('budget'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('ops_budget_lines_code_uq').on(t.planId, t.appendix, t.code)],
);

// Chi: spending against a budget line, optionally for one school
export const opsSpending = pgTable(
  'ops_spending',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    planId: uuid('plan_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    budgetLineId: uuid('budget_line_id').notNull(),
    schoolId: uuid('school_id'),
    spentOn: date('spent_on').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    voucherNo: text('voucher_no'), // số chứng từ
    description: text('description').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ops_spending_line_idx').on(t.planId, t.budgetLineId)],
);

// Xã hội hoá: contributions of parents, donors and organisations
export const opsContributions = pgTable(
  'ops_contributions',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    planId: uuid('plan_id'),
    contributorKind: text('contributor_kind').$type<'parents' | 'donor' | 'organisation'>().notNull(),
    contributorName: text('contributor_name').notNull(),
    form: text('form').$type<'cash' | 'in_kind'>().notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(), // đồng (in-kind: its value)
    description: text('description').notNull(),
    receivedOn: date('received_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);

// Kiểm tra: an inspection of one school, with its findings
export const opsInspections = pgTable(
  'ops_inspections',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    planId: uuid('plan_id'),
    inspectedOn: date('inspected_on').notNull(),
    team: text('team').notNull(), // đoàn kiểm tra
    conclusion: text('conclusion').notNull(),
    rating: text('rating').$type<'good' | 'fair' | 'needs_improvement'>(),
    findings: jsonb('findings')
      .$type<{ severity: 'info' | 'minor' | 'major'; text: string; recommendation?: string | null }[]>()
      .notNull()
      .default([]),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);

// Khen thưởng: commendations of collectives and individuals
export const opsCommendations = pgTable(
  'ops_commendations',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => units.id),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    planId: uuid('plan_id'),
    recipientKind: text('recipient_kind').$type<'collective' | 'individual'>().notNull(),
    recipientName: text('recipient_name').notNull(),
    staffId: uuid('staff_id'),
    title: text('title').notNull(), // 'Giấy khen của Chủ tịch UBND thành phố'
    decisionNo: text('decision_no'),
    decidedOn: date('decided_on').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.id] })],
);
