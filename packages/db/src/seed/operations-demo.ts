import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../client';
import {
  classes,
  opsBudgetLines,
  opsCommendations,
  opsContributions,
  opsEquipment,
  opsEquipmentUsage,
  opsGroupStats,
  opsInspections,
  opsPlanSchools,
  opsPlans,
  opsRollupState,
  opsSchoolStats,
  opsSmartRooms,
  opsSpending,
  opsTargetAllocations,
  opsTargetReports,
  opsTargetSnapshots,
  opsTargets,
  schoolYears,
  staff,
  teachingAssignments,
  units,
} from '../schema';
import { LAI_CHAU_PILOT } from './pilot';
import { createRandom } from './random';

/**
 * The operations centre's demo: Kế hoạch 596/KH-UBND ngày 04/3/2024 of UBND thành phố Lai Châu (thí điểm mô
 * hình lớp học thông minh năm 2024) with every target of its §II, the 17 smart rooms and their equipment,
 * usage logs for 2024-2025, the §V budget of 1.701.000.000 đ with its lines and spending, parents' and donors'
 * contributions, one inspection with findings and two commendations.
 *
 * The plan's appendices (Phụ lục II-1, II-2) are referenced but not published with the text, so the budget
 * lines below are constructed: plausible items and prices for 06 new smart rooms that sum exactly to the
 * stated 1.701.000.000 đ (II-1: 1.440.000.000 đ of equipment, 240.000.000 đ per room; II-2: 261.000.000 đ of
 * software licences, electrical/network works and training).
 *
 * History: monthly snapshots of the targets that the seed's own records date (rooms commissioned, teachers'
 * first logged use, schools' reports, the registry counts) from September 2024 to May 2025. The
 * grade-based targets get their history from the live refresh only. Deterministic, idempotent (does nothing
 * once the plan exists), and it resets the derived rollup tables so the next refresh rebuilds them.
 */

export type OperationsDemoRules = {
  /** classifyProgress of @smartedu/domain (the database package does not depend on the domain package). */
  classify: (
    value: number | null,
    rule: {
      measure: 'percent' | 'count' | 'ratio';
      comparator: 'gte' | 'lte';
      goal: number;
      margin?: number | null;
    },
  ) => 'on_track' | 'at_risk' | 'off_track' | 'no_data';
};
export type SeedOperationsDemoOptions = {
  rules: OperationsDemoRules;
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};
export type SeedOperationsDemoResult = { skipped: boolean; planId: string | null; schoolIds: string[] };

export const LAI_CHAU_PLAN_CODE = '596/KH-UBND';
export const LAI_CHAU_PLAN_BUDGET = 1_701_000_000;
const SEED = 20240304;

/** Phụ lục II-1 (per new room × 6) and II-2, constructed to total 1.701.000.000 đ. */
export const LAI_CHAU_BUDGET_LINES = [
  {
    appendix: 'Phụ lục II-1',
    code: '1',
    item: 'Màn hình tương tác thông minh 86 inch',
    unitName: 'chiếc',
    quantity: 6,
    unitPrice: 92_000_000,
    kind: 'interactive_board',
    perRoom: 1,
  },
  {
    appendix: 'Phụ lục II-1',
    code: '2',
    item: 'Máy tính xách tay cho giáo viên',
    unitName: 'chiếc',
    quantity: 6,
    unitPrice: 21_500_000,
    kind: 'laptop',
    perRoom: 1,
  },
  {
    appendix: 'Phụ lục II-1',
    code: '3',
    item: 'Máy tính bảng cho học sinh',
    unitName: 'chiếc',
    quantity: 90,
    unitPrice: 6_200_000,
    kind: 'tablet',
    perRoom: 15,
  },
  {
    appendix: 'Phụ lục II-1',
    code: '4',
    item: 'Bộ camera, micro hội nghị phục vụ dạy học trực tuyến',
    unitName: 'bộ',
    quantity: 6,
    unitPrice: 18_700_000,
    kind: 'camera',
    perRoom: 1,
  },
  {
    appendix: 'Phụ lục II-1',
    code: '5',
    item: 'Tủ sạc, bảo quản máy tính bảng',
    unitName: 'chiếc',
    quantity: 6,
    unitPrice: 14_800_000,
    kind: 'charging_cabinet',
    perRoom: 1,
  },
  {
    appendix: 'Phụ lục II-2',
    code: '1',
    item: 'Bản quyền phần mềm quản lý học tập, soạn giảng (12 tháng)',
    unitName: 'phòng',
    quantity: 6,
    unitPrice: 25_000_000,
    kind: 'software_license',
    perRoom: 1,
  },
  {
    appendix: 'Phụ lục II-2',
    code: '2',
    item: 'Cải tạo hệ thống điện, mạng LAN, Wi-Fi phòng học',
    unitName: 'phòng',
    quantity: 6,
    unitPrice: 12_000_000,
    kind: null,
    perRoom: 1,
  },
  {
    appendix: 'Phụ lục II-2',
    code: '3',
    item: 'Tập huấn CBQL, GV khai thác thiết bị, phần mềm',
    unitName: 'lớp',
    quantity: 1,
    unitPrice: 39_000_000,
    kind: null,
    perRoom: 0,
  },
] as const;

type Measure = 'percent' | 'count' | 'ratio';
type TargetSpec = {
  code: string;
  title: string;
  kind: 'computed' | 'reported';
  definition: string | null;
  measure: Measure;
  targetValue: number;
  atRiskMargin: number | null;
  dueDate?: string;
  allocations?: Record<string, number>;
};

/** §II of the plan, target by target. */
export const LAI_CHAU_TARGETS: readonly TargetSpec[] = [
  {
    code: 'II.1.a',
    title: 'Thực hiện thí điểm tại 17 lớp thông minh (11 lớp duy trì, 06 lớp mới)',
    kind: 'computed',
    definition: 'smart_class_count',
    measure: 'count',
    targetValue: 17,
    atRiskMargin: 1,
    allocations: { TH1: 3, TH2: 3, QT: 7, TP: 4 },
  },
  {
    code: 'II.1.b',
    title: '717 học sinh học tại các lớp thông minh',
    kind: 'computed',
    definition: 'smart_class_students',
    measure: 'count',
    targetValue: 717,
    atRiskMargin: 20,
    allocations: { TH1: 120, TH2: 120, QT: 287, TP: 190 },
  },
  {
    code: 'II.2.a',
    title: 'Cấp tiểu học: 100% HS lớp thông minh được đánh giá Đạt trở lên về phẩm chất',
    kind: 'computed',
    definition: 'primary_smart_qualities_pass',
    measure: 'percent',
    targetValue: 100,
    atRiskMargin: 2,
  },
  {
    code: 'II.2.b',
    title: 'Cấp tiểu học: 100% HS lớp thông minh được đánh giá Đạt trở lên về năng lực',
    kind: 'computed',
    definition: 'primary_smart_competencies_pass',
    measure: 'percent',
    targetValue: 100,
    atRiskMargin: 2,
  },
  {
    code: 'II.2.c',
    title: 'Cấp tiểu học: phẩm chất Tốt từ 95% trở lên',
    kind: 'computed',
    definition: 'primary_smart_qualities_good',
    measure: 'percent',
    targetValue: 95,
    atRiskMargin: 5,
  },
  {
    code: 'II.2.d',
    title: 'Cấp tiểu học: năng lực Tốt từ 50% trở lên',
    kind: 'computed',
    definition: 'primary_smart_competencies_good',
    measure: 'percent',
    targetValue: 50,
    atRiskMargin: 5,
  },
  {
    code: 'II.2.e',
    title: 'Cấp THCS: 100% HS xếp loại Đạt trở lên về phẩm chất (rèn luyện)',
    kind: 'computed',
    definition: 'lower_secondary_smart_conduct_pass',
    measure: 'percent',
    targetValue: 100,
    atRiskMargin: 2,
  },
  {
    code: 'II.2.f',
    title: 'Cấp THCS: phẩm chất Khá, Tốt từ 98% trở lên',
    kind: 'computed',
    definition: 'lower_secondary_smart_conduct_good',
    measure: 'percent',
    targetValue: 98,
    atRiskMargin: 3,
  },
  {
    code: 'II.2.g',
    title: 'Cấp THCS: 100% HS xếp loại Đạt trở lên về năng lực (học tập)',
    kind: 'computed',
    definition: 'lower_secondary_smart_learning_pass',
    measure: 'percent',
    targetValue: 100,
    atRiskMargin: 2,
  },
  {
    code: 'II.2.h',
    title: 'Cấp THCS: năng lực Khá, Tốt từ 80% trở lên',
    kind: 'computed',
    definition: 'lower_secondary_smart_learning_good',
    measure: 'percent',
    targetValue: 80,
    atRiskMargin: 5,
  },
  {
    code: 'II.3.a',
    title: 'Đầu tư trang thiết bị cho 06 phòng lớp học thông minh mới',
    kind: 'computed',
    definition: 'smart_rooms_in_use',
    measure: 'count',
    targetValue: 6,
    atRiskMargin: 1,
    dueDate: '2024-12-31',
    allocations: { TH1: 1, TH2: 1, QT: 2, TP: 2 },
  },
  {
    code: 'II.3.b',
    title: '100% giáo viên lớp thông minh khai thác, vận hành thiết bị và phần mềm',
    kind: 'computed',
    definition: 'smart_teachers_using_equipment',
    measure: 'percent',
    targetValue: 100,
    atRiskMargin: 5,
  },
  {
    code: 'II.3.c',
    title: '100% học sinh lớp thông minh khai thác, vận hành hiệu quả thiết bị và phần mềm (trường báo cáo)',
    kind: 'reported',
    definition: null,
    measure: 'percent',
    targetValue: 100,
    atRiskMargin: 2,
    dueDate: '2025-01-15',
  },
];

const NEW_ROOMS: Record<string, { classes: string[]; commissioned: (string | null)[] }> = {
  TH1: { classes: ['3A1'], commissioned: ['2024-08-26'] },
  TH2: { classes: ['3A1'], commissioned: ['2024-08-27'] },
  QT: { classes: ['6A1', '6A2'], commissioned: ['2024-08-28', '2024-08-28'] },
  TP: { classes: ['6A1', '6A2'], commissioned: ['2024-09-03', null] }, // 6A2: delivery late, still equipping
};
const ACTIVITIES = [
  'Dạy học với màn hình tương tác',
  'Kiểm tra trắc nghiệm trên máy tính bảng',
  'Học trực tuyến kết nối lớp',
  'Trình chiếu học liệu số, video thí nghiệm',
  'Thảo luận nhóm trên phần mềm học tập',
];
const MONTH_ENDS = [
  '2024-09-30',
  '2024-10-31',
  '2024-11-30',
  '2024-12-31',
  '2025-01-31',
  '2025-02-28',
  '2025-03-31',
  '2025-04-30',
  '2025-05-31',
];

export async function seedOperationsDemo(
  db: Queryable,
  options: SeedOperationsDemoOptions,
): Promise<SeedOperationsDemoResult> {
  const transaction: NonNullable<SeedOperationsDemoOptions['transaction']> =
    options.transaction ?? ((fn) => db.transaction(fn));
  return transaction(async (tx) => {
    const [phong] = await tx
      .select()
      .from(units)
      .where(eq(units.code, LAI_CHAU_PILOT.districtDepartmentCode));
    const [year] = await tx.select().from(schoolYears).where(eq(schoolYears.name, LAI_CHAU_PILOT.schoolYear));
    if (!phong || !year) return { skipped: true, planId: null, schoolIds: [] };
    const [existing] = await tx
      .select({ id: opsPlans.id })
      .from(opsPlans)
      .where(and(eq(opsPlans.unitId, phong.id), eq(opsPlans.code, LAI_CHAU_PLAN_CODE)));
    if (existing) return { skipped: true, planId: existing.id, schoolIds: [] };
    return seedPlan(tx, phong.id, year.id, options.rules);
  });
}

async function insertRows<T extends PgTable>(tx: Tx, table: T, rows: PgInsertValue<T>[]) {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(table).values(rows.slice(i, i + 1000));
}

async function seedPlan(
  tx: Tx,
  phongId: string,
  schoolYearId: string,
  rules: OperationsDemoRules,
): Promise<SeedOperationsDemoResult> {
  const rng = createRandom(SEED);
  const schoolRows = await tx
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(
      inArray(
        units.code,
        LAI_CHAU_PILOT.schools.map((s) => s.code),
      ),
    );
  const keyOf = new Map(LAI_CHAU_PILOT.schools.map((s) => [s.code, s.key as string]));
  const school = new Map(schoolRows.map((s) => [keyOf.get(s.code)!, s]));
  const schoolIds = schoolRows.map((s) => s.id);
  const classRows = await tx
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      name: classes.name,
      room: classes.room,
      homeroom: classes.homeroomTeacherId,
    })
    .from(classes)
    .where(
      and(
        inArray(classes.schoolId, schoolIds),
        eq(classes.schoolYearId, schoolYearId),
        eq(classes.isSmart, true),
      ),
    )
    .orderBy(asc(classes.schoolId), asc(classes.name));

  // --- the plan, its schools, targets and per-school goals
  const [plan] = await tx
    .insert(opsPlans)
    .values({
      unitId: phongId,
      code: LAI_CHAU_PLAN_CODE,
      title: 'Thực hiện thí điểm mô hình lớp học thông minh trên địa bàn thành phố Lai Châu năm 2024',
      issuer: 'UBND thành phố Lai Châu',
      issuedOn: '2024-03-04',
      legalBasis:
        'Kế hoạch số 3049/KH-UBND ngày 21/9/2021 của UBND thành phố Lai Châu về triển khai thí điểm mô hình lớp học, tiến tới trường học thông minh giai đoạn 2021 - 2025; Quyết định số 1544/QĐ-UBND ngày 15/12/2023 về giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2024; Quyết định số 1545/QĐ-UBND ngày 15/12/2023 về giao dự toán thu, chi ngân sách địa phương năm 2024.',
      objectives:
        'Duy trì thí điểm tại 11 lớp thông minh từ năm học 2022 - 2023, thí điểm 06 lớp mới tại TH Số 1, TH Số 2, THCS Quyết Tiến, THCS Tân Phong; đạt chỉ tiêu chất lượng giáo dục từng cấp học; đầu tư 06 phòng lớp học thông minh mới; 100% giáo viên, học sinh lớp thông minh khai thác hiệu quả thiết bị, phần mềm. Tổng kinh phí dự kiến 1.701.000.000 đồng.',
      periodStart: '2024-03-04',
      periodEnd: '2025-05-31',
      schoolYearId,
      status: 'active',
    })
    .returning();
  await tx.insert(opsPlanSchools).values(schoolIds.map((schoolId) => ({ schoolId, planId: plan.id })));
  const targetIds = new Map<string, string>();
  for (const [i, t] of LAI_CHAU_TARGETS.entries()) {
    const [row] = await tx
      .insert(opsTargets)
      .values({
        planId: plan.id,
        unitId: phongId,
        code: t.code,
        title: t.title,
        kind: t.kind,
        definition: t.definition,
        measure: t.measure,
        comparator: 'gte',
        targetValue: t.targetValue,
        atRiskMargin: t.atRiskMargin,
        dueDate: t.dueDate ?? null,
        sortOrder: i,
      })
      .returning({ id: opsTargets.id });
    targetIds.set(t.code, row.id);
    if (t.allocations)
      await tx.insert(opsTargetAllocations).values(
        Object.entries(t.allocations).map(([key, targetValue]) => ({
          schoolId: school.get(key)!.id,
          targetId: row.id,
          targetValue,
        })),
      );
  }

  // --- budget lines (§V, Phụ lục II-1, II-2)
  const lines = await tx
    .insert(opsBudgetLines)
    .values(
      LAI_CHAU_BUDGET_LINES.map((l, i) => ({
        planId: plan.id,
        unitId: phongId,
        appendix: l.appendix,
        code: l.code,
        item: l.item,
        unitName: l.unitName,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        amount: l.quantity * l.unitPrice,
        fundingSource: 'budget' as const,
        sortOrder: i,
      })),
    )
    .returning({ id: opsBudgetLines.id, appendix: opsBudgetLines.appendix, code: opsBudgetLines.code });
  const lineId = (appendix: string, code: string) =>
    lines.find((l) => l.appendix === appendix && l.code === code)!.id;

  // --- rooms: 11 kept from the 2021-2025 programme, 06 new under this plan
  type Room = {
    id: string;
    schoolId: string;
    key: string;
    classId: string;
    className: string;
    isNew: boolean;
    inUse: boolean;
    commissioned: string | null;
  };
  const rooms: Room[] = [];
  const roomRows: (typeof opsSmartRooms.$inferInsert)[] = [];
  for (const [key, s] of school) {
    for (const c of classRows.filter((x) => x.schoolId === s.id)) {
      const fresh = NEW_ROOMS[key].classes.indexOf(c.name);
      const isNew = fresh >= 0;
      const commissioned = isNew ? NEW_ROOMS[key].commissioned[fresh] : '2022-09-05';
      const id = rng.uuid();
      rooms.push({
        id,
        schoolId: s.id,
        key,
        classId: c.id,
        className: c.name,
        isNew,
        inUse: commissioned !== null,
        commissioned,
      });
      roomRows.push({
        schoolId: s.id,
        id,
        name: c.room ? `Phòng ${c.room} - lớp ${c.name}` : `Phòng lớp ${c.name}`,
        classId: c.id,
        planId: isNew ? plan.id : null,
        status: commissioned ? 'in_use' : 'equipping',
        commissionedOn: commissioned,
        note: isNew
          ? commissioned
            ? 'Đầu tư mới theo Kế hoạch 596/KH-UBND'
            : 'Nhà cung cấp giao chậm máy tính bảng, camera, tủ sạc; dự kiến hoàn thành quý I/2025'
          : 'Phòng học thông minh từ năm học 2022 - 2023 (Kế hoạch 3049/KH-UBND)',
      });
    }
  }
  await insertRows(tx, opsSmartRooms, roomRows);

  // --- equipment and spending
  const equipment: (typeof opsEquipment.$inferInsert)[] = [];
  const spending: (typeof opsSpending.$inferInsert)[] = [];
  let voucher = 100;
  const addSpend = (
    schoolId: string | null,
    line: string,
    amount: number,
    spentOn: string,
    description: string,
  ) =>
    spending.push({
      planId: plan.id,
      unitId: phongId,
      budgetLineId: line,
      schoolId,
      spentOn,
      amount,
      voucherNo: `${++voucher}/PC-PGDĐT`,
      description,
    });
  for (const r of rooms) {
    const tag = `${r.key}-${r.className}`;
    if (r.isNew) {
      const delivered = r.inUse ? ['1', '2', '3', '4', '5'] : ['1', '2']; // TP 6A2: board and laptop only
      for (const l of LAI_CHAU_BUDGET_LINES.filter(
        (x) => x.appendix === 'Phụ lục II-1' && delivered.includes(x.code),
      )) {
        const date = r.commissioned ?? '2024-11-12';
        equipment.push({
          schoolId: r.schoolId,
          roomId: r.id,
          kind: l.kind as 'tablet',
          name: l.item,
          assetCode: `TS-${tag}-${l.code}`,
          quantity: l.perRoom,
          status: 'working',
          fundingSource: 'budget',
          budgetLineId: lineId(l.appendix, l.code),
          unitCost: l.unitPrice,
          acquiredOn: date,
        });
        addSpend(r.schoolId, lineId(l.appendix, l.code), l.perRoom * l.unitPrice, date, `${l.item} - ${tag}`);
      }
      equipment.push({
        schoolId: r.schoolId,
        roomId: r.id,
        kind: 'software_license',
        name: 'Phần mềm quản lý học tập, soạn giảng (bản quyền 12 tháng)',
        quantity: 1,
        status: 'working',
        fundingSource: 'budget',
        budgetLineId: lineId('Phụ lục II-2', '1'),
        unitCost: 25_000_000,
        acquiredOn: '2024-09-10',
        licenseExpiresOn: '2025-09-09',
      });
      addSpend(
        r.schoolId,
        lineId('Phụ lục II-2', '2'),
        12_000_000,
        '2024-08-15',
        `Cải tạo điện, mạng LAN, Wi-Fi - ${tag}`,
      );
    } else {
      const broken = r.key === 'TP' && r.className === '7A1';
      equipment.push(
        {
          schoolId: r.schoolId,
          roomId: r.id,
          kind: 'interactive_board',
          name: 'Màn hình tương tác 75 inch',
          assetCode: `TS-${tag}-MH`,
          quantity: 1,
          status: broken ? 'repairing' : 'working',
          fundingSource: 'budget',
          acquiredOn: '2022-08-20',
          note: broken ? 'Hỏng cảm ứng, đang bảo hành (biên bản ngày 18/11/2024)' : null,
        },
        {
          schoolId: r.schoolId,
          roomId: r.id,
          kind: 'camera',
          name: 'Camera, micro dạy học trực tuyến',
          assetCode: `TS-${tag}-CAM`,
          quantity: 1,
          status: 'working',
          fundingSource: 'budget',
          acquiredOn: '2022-08-20',
        },
      );
      if (r.key === 'QT' && r.className === '8A2') {
        equipment.push(
          {
            schoolId: r.schoolId,
            roomId: r.id,
            kind: 'tablet',
            name: 'Máy tính bảng học sinh',
            assetCode: `TS-${tag}-MTB`,
            quantity: 8,
            status: 'working',
            fundingSource: 'budget',
            acquiredOn: '2022-08-20',
          },
          {
            schoolId: r.schoolId,
            roomId: r.id,
            kind: 'tablet',
            name: 'Máy tính bảng học sinh',
            assetCode: `TS-${tag}-MTB-H`,
            quantity: 2,
            status: 'broken',
            fundingSource: 'budget',
            acquiredOn: '2022-08-20',
            note: 'Vỡ màn hình',
          },
        );
      } else {
        equipment.push({
          schoolId: r.schoolId,
          roomId: r.id,
          kind: 'tablet',
          name: 'Máy tính bảng học sinh',
          assetCode: `TS-${tag}-MTB`,
          quantity: 10,
          status: 'working',
          fundingSource: 'budget',
          acquiredOn: '2022-08-20',
        });
      }
    }
  }
  // Parents' tablets (QT 6A1) and a donated screen (TP 7A2).
  const qt6a1 = rooms.find((r) => r.key === 'QT' && r.className === '6A1')!;
  const tp7a2 = rooms.find((r) => r.key === 'TP' && r.className === '7A2')!;
  equipment.push(
    {
      schoolId: qt6a1.schoolId,
      roomId: qt6a1.id,
      kind: 'tablet',
      name: 'Máy tính bảng (cha mẹ học sinh trang bị)',
      assetCode: 'XHH-QT-6A1-MTB',
      quantity: 10,
      status: 'working',
      fundingSource: 'parents',
      unitCost: 6_200_000,
      acquiredOn: '2024-09-20',
    },
    {
      schoolId: tp7a2.schoolId,
      roomId: tp7a2.id,
      kind: 'interactive_board',
      name: 'Màn hình tương tác 86 inch (tài trợ)',
      assetCode: 'TT-TP-7A2-MH',
      quantity: 1,
      status: 'working',
      fundingSource: 'donor',
      unitCost: 95_000_000,
      acquiredOn: '2024-10-15',
    },
  );
  await insertRows(tx, opsEquipment, equipment);
  addSpend(
    null,
    lineId('Phụ lục II-2', '1'),
    150_000_000,
    '2024-09-10',
    'Bản quyền phần mềm quản lý học tập, soạn giảng 12 tháng cho 06 phòng',
  );
  addSpend(
    null,
    lineId('Phụ lục II-2', '3'),
    39_000_000,
    '2024-08-22',
    'Tập huấn CBQL, GV 04 trường thí điểm (02 ngày)',
  );
  await insertRows(tx, opsSpending, spending);

  // --- usage logs for 2024-2025: every smart-class teacher but two at THCS Tân Phong
  const assignments = await tx
    .selectDistinct({
      schoolId: teachingAssignments.schoolId,
      classId: teachingAssignments.classId,
      staffId: teachingAssignments.staffId,
    })
    .from(teachingAssignments)
    .where(
      and(
        inArray(teachingAssignments.schoolId, schoolIds),
        eq(teachingAssignments.schoolYearId, schoolYearId),
      ),
    )
    .orderBy(
      asc(teachingAssignments.schoolId),
      asc(teachingAssignments.classId),
      asc(teachingAssignments.staffId),
    );
  const teachersOf = new Map<string, string[]>();
  for (const c of classRows) {
    const list = assignments.filter((a) => a.classId === c.id).map((a) => a.staffId);
    if (c.homeroom && !list.includes(c.homeroom)) list.push(c.homeroom);
    teachersOf.set(c.id, list);
  }
  const tpId = school.get('TP')!.id;
  const tpTeachers = [
    ...new Set(classRows.filter((c) => c.schoolId === tpId).flatMap((c) => teachersOf.get(c.id) ?? [])),
  ].sort();
  const homerooms = new Set(classRows.map((c) => c.homeroom));
  const nonUsers = new Set(tpTeachers.filter((t) => !homerooms.has(t)).slice(-2));
  const usage: (typeof opsEquipmentUsage.$inferInsert)[] = [];
  const firstUse = new Map<string, string>();
  const weeks: string[] = [];
  for (
    let d = new Date('2024-09-09T00:00:00Z');
    d <= new Date('2025-05-19T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 7)
  ) {
    const iso = d.toISOString().slice(0, 10);
    if (iso >= '2025-01-20' && iso < '2025-02-10') continue; // Tết holiday
    weeks.push(iso);
  }
  const addDaysIso = (iso: string, n: number) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  };
  for (const r of rooms.filter((x) => x.inUse)) {
    const users = (teachersOf.get(r.classId) ?? []).filter((t) => !nonUsers.has(t));
    if (users.length === 0) continue;
    // Each teacher of the class logs once in the first weeks, then four sessions a week by whoever teaches.
    users.forEach((staffId, i) => {
      const usedOn = addDaysIso(weeks[i % 4], i % 5);
      usage.push({
        schoolId: r.schoolId,
        id: rng.uuid(),
        roomId: r.id,
        classId: r.classId,
        staffId,
        usedOn,
        periods: 1,
        activity: rng.pick(ACTIVITIES),
      });
    });
    for (const week of weeks) {
      for (const day of [0, 1, 3, 4]) {
        usage.push({
          schoolId: r.schoolId,
          id: rng.uuid(),
          roomId: r.id,
          classId: r.classId,
          staffId: rng.pick(users),
          usedOn: addDaysIso(week, day),
          periods: rng.int(1, 2),
          activity: rng.pick(ACTIVITIES),
        });
      }
    }
  }
  for (const u of usage) {
    const prev = firstUse.get(`${u.schoolId}:${u.staffId}`);
    if (!prev || u.usedOn < prev) firstUse.set(`${u.schoolId}:${u.staffId}`, u.usedOn);
  }
  await insertRows(tx, opsEquipmentUsage, usage);

  // --- schools' reports for the reported target (THCS Tân Phong has not reported: a late report)
  const reportTarget = targetIds.get('II.3.c')!;
  const reports = [
    {
      key: 'TH1',
      asOf: '2025-01-10',
      n: 120,
      d: 120,
      evidence:
        'Biên bản kiểm tra nội bộ số 12/BB-TH1 ngày 10/01/2025; nhật ký sử dụng máy tính bảng lớp 3A1, 4A1, 5A1',
    },
    {
      key: 'TH2',
      asOf: '2025-01-13',
      n: 118,
      d: 120,
      evidence: 'Báo cáo số 08/BC-TH2 ngày 13/01/2025: 02 HS lớp 3A1 chưa sử dụng thành thạo phần mềm',
    },
    {
      key: 'QT',
      asOf: '2025-01-14',
      n: 285,
      d: 287,
      evidence: 'Báo cáo số 15/BC-THCSQT ngày 14/01/2025 kèm kết quả khảo sát kỹ năng số của HS',
    },
  ];
  await tx.insert(opsTargetReports).values(
    reports.map((r) => ({
      schoolId: school.get(r.key)!.id,
      targetId: reportTarget,
      asOf: r.asOf,
      numerator: r.n,
      denominator: r.d,
      evidence: r.evidence,
      reportedByName: `Hiệu trưởng ${school.get(r.key)!.name.replace('Trường ', '')}`,
      reportedAt: new Date(`${r.asOf}T10:00:00+07:00`),
    })),
  );

  // --- contributions (xã hội hoá)
  await tx.insert(opsContributions).values([
    {
      schoolId: qt6a1.schoolId,
      planId: plan.id,
      contributorKind: 'parents',
      contributorName: 'Ban đại diện cha mẹ học sinh lớp 6A1',
      form: 'in_kind',
      amount: 62_000_000,
      description: '10 máy tính bảng cho học sinh lớp 6A1',
      receivedOn: '2024-09-20',
    },
    {
      schoolId: school.get('TH1')!.id,
      planId: plan.id,
      contributorKind: 'parents',
      contributorName: 'Ban đại diện cha mẹ học sinh lớp 3A1',
      form: 'cash',
      amount: 18_500_000,
      description: 'Hỗ trợ kinh phí bảo trì, nâng cấp phần mềm học tập năm học 2024 - 2025',
      receivedOn: '2024-10-05',
    },
    {
      schoolId: school.get('TH2')!.id,
      planId: plan.id,
      contributorKind: 'parents',
      contributorName: 'Cha mẹ học sinh các lớp thông minh',
      form: 'cash',
      amount: 24_000_000,
      description: 'Sửa chữa, thay thế tai nghe, bút cảm ứng',
      receivedOn: '2024-11-18',
    },
    {
      schoolId: tp7a2.schoolId,
      planId: plan.id,
      contributorKind: 'donor',
      contributorName: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh Lai Châu',
      form: 'in_kind',
      amount: 95_000_000,
      description: '01 màn hình tương tác 86 inch cho lớp 7A2',
      receivedOn: '2024-10-15',
    },
    {
      schoolId: school.get('QT')!.id,
      planId: plan.id,
      contributorKind: 'organisation',
      contributorName: 'Viettel Lai Châu',
      form: 'in_kind',
      amount: 30_000_000,
      description: 'Đường truyền Internet cáp quang tốc độ cao 12 tháng cho các phòng học thông minh',
      receivedOn: '2024-09-01',
    },
  ]);

  // --- one inspection with findings, two commendations
  await tx.insert(opsInspections).values({
    schoolId: tpId,
    planId: plan.id,
    inspectedOn: '2024-11-20',
    team: 'Đoàn kiểm tra Phòng Giáo dục và Đào tạo thành phố (Quyết định số 245/QĐ-PGDĐT)',
    conclusion:
      'Nhà trường triển khai nghiêm túc mô hình lớp học thông minh tại 04 lớp; giáo viên tích cực ứng dụng thiết bị, học liệu số. Tiến độ đầu tư phòng học lớp 6A2 chậm so với kế hoạch; công tác quản lý thiết bị cần chặt chẽ hơn.',
    rating: 'fair',
    findings: [
      {
        severity: 'major',
        text: 'Phòng học thông minh lớp 6A2 chưa được lắp đặt đủ máy tính bảng, camera, tủ sạc theo Phụ lục II-1 (nhà cung cấp giao chậm).',
        recommendation: 'Đôn đốc nhà cung cấp, hoàn thành lắp đặt và bàn giao trước 31/12/2024.',
      },
      {
        severity: 'minor',
        text: 'Nhật ký sử dụng thiết bị ghi chưa đầy đủ ở 02/04 lớp; 02 giáo viên chưa ghi nhận lượt sử dụng nào.',
        recommendation: 'Giáo viên ghi nhật ký sau mỗi tiết; tổ trưởng kiểm tra hằng tuần.',
      },
      {
        severity: 'minor',
        text: 'Màn hình tương tác lớp 7A1 hỏng cảm ứng từ 18/11/2024, chưa báo cáo Phòng.',
        recommendation: 'Lập biên bản, liên hệ bảo hành, báo cáo tình trạng thiết bị định kỳ.',
      },
    ],
  });
  const th1Homeroom =
    classRows.find((c) => c.schoolId === school.get('TH1')!.id && c.name === '3A1')?.homeroom ?? null;
  const [teacher] = th1Homeroom
    ? await tx
        .select({ id: staff.id, name: staff.fullName })
        .from(staff)
        .where(and(eq(staff.schoolId, school.get('TH1')!.id), eq(staff.id, th1Homeroom)))
    : [];
  await tx.insert(opsCommendations).values([
    {
      schoolId: school.get('QT')!.id,
      planId: plan.id,
      recipientKind: 'collective',
      recipientName: 'Trường THCS Quyết Tiến',
      title: 'Giấy khen của Chủ tịch UBND thành phố',
      decisionNo: '1102/QĐ-UBND',
      decidedOn: '2025-06-10',
      reason:
        'Có thành tích xuất sắc trong triển khai thí điểm mô hình lớp học thông minh năm học 2024 - 2025',
    },
    ...(teacher
      ? [
          {
            schoolId: school.get('TH1')!.id,
            planId: plan.id,
            recipientKind: 'individual' as const,
            recipientName: teacher.name,
            staffId: teacher.id,
            title: 'Giấy khen của Trưởng phòng Giáo dục và Đào tạo',
            decisionNo: '215/QĐ-PGDĐT',
            decidedOn: '2025-06-05',
            reason: 'Đổi mới sáng tạo trong khai thác thiết bị, học liệu số tại lớp 3A1',
          },
        ]
      : []),
  ]);

  // --- monthly history of the targets the seed's own records date
  const snapshots: (typeof opsTargetSnapshots.$inferInsert)[] = [];
  const classify = (spec: TargetSpec, value: number | null, goal: number) =>
    rules.classify(value, { measure: spec.measure, comparator: 'gte', goal, margin: spec.atRiskMargin });
  const smartTeachers = new Map<string, Set<string>>(); // school → teachers
  for (const c of classRows) {
    const set = smartTeachers.get(c.schoolId) ?? new Set<string>();
    for (const t of teachersOf.get(c.id) ?? []) set.add(t);
    smartTeachers.set(c.schoolId, set);
  }
  const pilotStudents = new Map(LAI_CHAU_PILOT.schools.map((s) => [s.key as string, s.students]));
  const pilotClasses = new Map(LAI_CHAU_PILOT.schools.map((s) => [s.key as string, s.classes.length]));
  for (const day of MONTH_ENDS) {
    const perSchool = (spec: TargetSpec, key: string): [number, number | null] => {
      const s = school.get(key)!;
      switch (spec.code) {
        case 'II.1.a':
          return [pilotClasses.get(key)!, null];
        case 'II.1.b':
          return [pilotStudents.get(key)!, null];
        case 'II.3.a':
          return [
            rooms.filter((r) => r.key === key && r.isNew && r.commissioned && r.commissioned <= day).length,
            null,
          ];
        case 'II.3.b': {
          const all = smartTeachers.get(s.id) ?? new Set<string>();
          const used = [...all].filter((t) => (firstUse.get(`${s.id}:${t}`) ?? '9999') <= day).length;
          return [used, all.size];
        }
        default: {
          const r = reports.find((x) => x.key === key && x.asOf <= day);
          return r ? [r.n, r.d] : [Number.NaN, null];
        }
      }
    };
    for (const spec of LAI_CHAU_TARGETS) {
      if (spec.definition?.startsWith('primary_') || spec.definition?.startsWith('lower_secondary_'))
        continue;
      let num = 0;
      let den = 0;
      let any = false;
      for (const key of school.keys()) {
        const [n, d] = perSchool(spec, key);
        if (Number.isNaN(n)) continue;
        any = true;
        num += n;
        den += d ?? 0;
        const goal = spec.allocations?.[key] ?? (spec.measure === 'count' ? null : spec.targetValue);
        const value = spec.measure === 'percent' ? (d ? (100 * n) / d : null) : n;
        snapshots.push({
          schoolId: school.get(key)!.id,
          targetId: targetIds.get(spec.code)!,
          day,
          numerator: n,
          denominator: spec.measure === 'percent' ? d : null,
          value,
          status: goal === null ? 'no_data' : classify(spec, value, goal),
        });
      }
      if (!any) continue;
      const value = spec.measure === 'percent' ? (den ? (100 * num) / den : null) : num;
      snapshots.push({
        schoolId: plan.id, // the plan-wide figure
        targetId: targetIds.get(spec.code)!,
        day,
        numerator: num,
        denominator: spec.measure === 'percent' ? den : null,
        value,
        status: classify(spec, value, spec.targetValue),
      });
    }
  }
  await insertRows(tx, opsTargetSnapshots, snapshots);

  // Derived data: drop every rollup so that the next refresh rebuilds schools, groups and plans together.
  await tx.delete(opsSchoolStats);
  await tx.delete(opsGroupStats);
  await tx.delete(opsRollupState);
  return { skipped: false, planId: plan.id, schoolIds };
}
