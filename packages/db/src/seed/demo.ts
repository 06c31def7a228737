import { eq } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable, Tx } from '../client';
import {
  classes,
  enrolments,
  guardians,
  roleAssignments,
  schoolYears,
  staff,
  staffSubjects,
  studentGuardians,
  students,
  subjects,
  teachingAssignments,
  units,
  users,
} from '../schema';
import {
  ethnicProfile,
  type Gender,
  makeAddress,
  makeFullName,
  OCCUPATIONS_TOWN,
  OCCUPATIONS_VILLAGE,
  pickEthnicity,
  pickFamilyName,
  pickOtherFamilyName,
  STAFF_ETHNICITY_WEIGHTS,
} from './names';
import { DEMO_PASSWORD, LAI_CHAU_PILOT, type PilotClass, type PilotSchool } from './pilot';
import { asciiSlug, createRandom, type Random } from './random';
import { seedReference } from './reference';
import { SUBJECTS } from './reference-data';

/**
 * Demo data for Lai Châu city's 2024 smart-classroom pilot: the unit tree (Sở → Phòng → schools → sites),
 * the 17 pilot classes of 2024-2025 with their 717 students, guardians, staff, teaching assignments and a
 * handful of demo accounts. Deterministic: a fixed PRNG seed gives the same rows, ids included, every run.
 */

export type DemoRole =
  | 'dept_admin'
  | 'dept_specialist'
  | 'school_admin'
  | 'teacher'
  | 'staff'
  | 'parent'
  | 'student';
export type DemoAccount = {
  role: DemoRole;
  username: string;
  password: string;
  fullName: string;
  /** Name of the unit the role is scoped to. */
  scopeName: string;
};
export type SeedDemoOptions = {
  hashPassword: (plain: string) => Promise<string>;
  /**
   * Runs the seed's one transaction; defaults to `db.transaction`. Pass `Database.transaction` from
   * `openDatabase` when the PGlite database lives on disk, so that the commit is synced before returning.
   */
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};
export type SeedDemoResult = { accounts: DemoAccount[]; skipped: boolean };

/** 4 March 2024: the date of Kế hoạch 596/KH-UBND. */
const DEMO_SEED = 20240304;
const ID_SEED = 0x5eed_1d5;

/** Seeds the demo data in one transaction if the database has no unit yet; otherwise does nothing. */
export async function seedDemo(db: Queryable, options: SeedDemoOptions): Promise<SeedDemoResult> {
  if (await hasUnits(db)) return { accounts: [], skipped: true };
  // Hash outside the transaction: a real password hash is slow and must not hold the transaction open.
  const passwordHashes = await Promise.all(ACCOUNT_USERNAMES.map(() => options.hashPassword(DEMO_PASSWORD)));
  const transaction: NonNullable<SeedDemoOptions['transaction']> =
    options.transaction ?? ((fn) => db.transaction(fn));
  return transaction(async (tx) => {
    if (await hasUnits(tx)) return { accounts: [], skipped: true };
    await seedReference(tx);
    const plan = buildDemoPlan(await loadReference(tx));
    plan.users.forEach((u, i) => {
      u.passwordHash = passwordHashes[i];
    });
    await insertPlan(tx, plan);
    return { accounts: plan.accounts, skipped: false };
  });
}

async function hasUnits(db: Queryable): Promise<boolean> {
  const rows = await db.select({ id: units.id }).from(units).limit(1);
  return rows.length > 0;
}

type Reference = { schoolYearId: string; subjectIdByCode: ReadonlyMap<string, string> };

async function loadReference(tx: Tx): Promise<Reference> {
  const [year] = await tx
    .select({ id: schoolYears.id })
    .from(schoolYears)
    .where(eq(schoolYears.name, LAI_CHAU_PILOT.schoolYear));
  if (!year) throw new Error(`School year ${LAI_CHAU_PILOT.schoolYear} is missing`);
  const subjectRows = await tx.select({ id: subjects.id, code: subjects.code }).from(subjects);
  return { schoolYearId: year.id, subjectIdByCode: new Map(subjectRows.map((s) => [s.code, s.id])) };
}

// ---------------------------------------------------------------------------------------------------------
// The plan: every row, built in memory before anything is written.

type WithId<T> = T & { id: string };
type UnitRow = WithId<typeof units.$inferInsert>;
type StaffRow = WithId<typeof staff.$inferInsert>;
type ClassRow = WithId<typeof classes.$inferInsert>;
type StudentRow = WithId<typeof students.$inferInsert>;
type GuardianRow = WithId<typeof guardians.$inferInsert>;
type UserRow = WithId<typeof users.$inferInsert>;

type DemoPlan = {
  units: UnitRow[];
  staff: StaffRow[];
  staffSubjects: (typeof staffSubjects.$inferInsert)[];
  classes: ClassRow[];
  students: StudentRow[];
  enrolments: (typeof enrolments.$inferInsert)[];
  guardians: GuardianRow[];
  studentGuardians: (typeof studentGuardians.$inferInsert)[];
  teachingAssignments: (typeof teachingAssignments.$inferInsert)[];
  users: UserRow[];
  roleAssignments: (typeof roleAssignments.$inferInsert)[];
  accounts: DemoAccount[];
};

type SchoolSpec = {
  key: string;
  code: string;
  name: string;
  level: 'MN' | 'TH' | 'THCS';
  ward: string;
  street: string;
  phone: string;
  latitude: number;
  longitude: number;
};

// Trường học thuộc Phòng GD&ĐT thành phố Lai Châu: the four pilot schools, then two without pilot classes
const SCHOOLS: readonly SchoolSpec[] = [
  {
    key: 'TH1',
    code: 'LCU-TP-TH1',
    name: 'Trường Tiểu học Số 1',
    level: 'TH',
    ward: 'Quyết Thắng',
    street: 'Tổ 9',
    phone: '0213 3876 211',
    latitude: 22.3993,
    longitude: 103.4541,
  },
  {
    key: 'TH2',
    code: 'LCU-TP-TH2',
    name: 'Trường Tiểu học Số 2',
    level: 'TH',
    ward: 'Đông Phong',
    street: 'Tổ 14',
    phone: '0213 3876 322',
    latitude: 22.3921,
    longitude: 103.4628,
  },
  {
    key: 'QT',
    code: 'LCU-TP-QT',
    name: 'Trường THCS Quyết Tiến',
    level: 'THCS',
    ward: 'Quyết Tiến',
    street: 'Tổ 7',
    phone: '0213 3875 433',
    latitude: 22.4037,
    longitude: 103.4497,
  },
  {
    key: 'TP',
    code: 'LCU-TP-TP',
    name: 'Trường THCS Tân Phong',
    level: 'THCS',
    ward: 'Tân Phong',
    street: 'Tổ 22',
    phone: '0213 3875 544',
    latitude: 22.3887,
    longitude: 103.4703,
  },
  {
    key: 'MNHB',
    code: 'LCU-TP-MNHB',
    name: 'Trường Mầm non Hoa Ban',
    level: 'MN',
    ward: 'Đoàn Kết',
    street: 'Tổ 3',
    phone: '0213 3877 655',
    latitude: 22.3949,
    longitude: 103.4572,
  },
  {
    key: 'DK',
    code: 'LCU-TP-DK',
    name: 'Trường THCS Đoàn Kết',
    level: 'THCS',
    ward: 'Đoàn Kết',
    street: 'Tổ 11',
    phone: '0213 3877 766',
    latitude: 22.3976,
    longitude: 103.4604,
  },
];

const CITY_TAIL = 'thành phố Lai Châu, tỉnh Lai Châu';

/** Students whose class changed early in the year (for the enrolment history): from `from` to their class. */
const CLASS_CHANGES: readonly {
  school: string;
  className: string;
  index: number;
  from: string;
  date: string;
}[] = [
  { school: 'QT', className: '6A1', index: 5, from: '6A2', date: '2024-09-16' },
  { school: 'QT', className: '6A2', index: 7, from: '6A1', date: '2024-09-23' },
  { school: 'QT', className: '7A2', index: 3, from: '7A1', date: '2024-10-07' },
  { school: 'QT', className: '8A3', index: 10, from: '8A2', date: '2024-11-04' },
  { school: 'TP', className: '6A2', index: 4, from: '6A1', date: '2025-01-20' },
];

const ACCOUNT_USERNAMES = [
  'admin.so',
  'chuyenvien.phong',
  'hieutruong.qt',
  'hieutruong.th1',
  'giaovien.qt',
  'thuvien.qt',
  'phuhuynh.qt',
  'hocsinh.qt',
  'phuhuynh.tp',
] as const;

// Primary: the homeroom teacher (GVCN) teaches these; specialist teachers teach the other subjects.
const PRIMARY_HOMEROOM_SUBJECTS = new Set([
  'TH_TIENG_VIET',
  'TH_TOAN',
  'TH_DAO_DUC',
  'TH_TNXH',
  'TH_LS_DL',
  'TH_KHOA_HOC',
  'TH_HDTN',
]);
const PRIMARY_SPECIALIST_SUBJECTS = ['TH_NGOAI_NGU_1', 'TH_TIN_HOC_CONG_NGHE', 'TH_GDTC', 'TH_NGHE_THUAT'];
/** Subject teachers of a lower-secondary school, by main subject; the order also ranks homeroom duty. */
const SECONDARY_TEACHERS: Record<string, readonly [string, number][]> = {
  QT: [
    ['THCS_TOAN', 3],
    ['THCS_NGU_VAN', 3],
    ['THCS_NGOAI_NGU_1', 2],
    ['THCS_KHTN', 2],
    ['THCS_LS_DL', 2],
    ['THCS_TIN_HOC', 1],
    ['THCS_GDCD', 1],
    ['THCS_CONG_NGHE', 1],
    ['THCS_GDTC', 1],
    ['THCS_NGHE_THUAT', 2],
  ],
  TP: [
    ['THCS_TOAN', 2],
    ['THCS_NGU_VAN', 2],
    ['THCS_NGOAI_NGU_1', 2],
    ['THCS_KHTN', 2],
    ['THCS_LS_DL', 1],
    ['THCS_TIN_HOC', 1],
    ['THCS_GDCD', 1],
    ['THCS_CONG_NGHE', 1],
    ['THCS_GDTC', 1],
    ['THCS_NGHE_THUAT', 2],
  ],
};

function buildDemoPlan(ref: Reference): DemoPlan {
  const rng = createRandom(DEMO_SEED);
  const ids = createRandom(ID_SEED);
  const plan: DemoPlan = {
    units: [],
    staff: [],
    staffSubjects: [],
    classes: [],
    students: [],
    enrolments: [],
    guardians: [],
    studentGuardians: [],
    teachingAssignments: [],
    users: [],
    roleAssignments: [],
    accounts: [],
  };
  const unique = createUniqueness(rng);
  const subjectId = (code: string): string => {
    const id = ref.subjectIdByCode.get(code);
    if (!id) throw new Error(`Subject ${code} is missing`);
    return id;
  };

  // --- Units: Sở → Phòng → schools → main sites -----------------------------------------------------------
  const so: UnitRow = {
    id: ids.uuid(),
    parentId: null,
    kind: 'province_department',
    code: LAI_CHAU_PILOT.provinceDepartmentCode,
    name: 'Sở Giáo dục và Đào tạo tỉnh Lai Châu',
    path: '',
    ownership: 'public',
    address: `Trung tâm Hành chính - Chính trị tỉnh, phường Đông Phong, ${CITY_TAIL}`,
    phone: '0213 3876 338',
    email: 'sogddt@laichau.edu.vn',
    website: 'https://laichau.edu.vn',
    latitude: 22.3964,
    longitude: 103.4582,
  };
  so.path = `/${so.id}/`;
  const phong: UnitRow = {
    id: ids.uuid(),
    parentId: so.id,
    kind: 'district_department',
    code: LAI_CHAU_PILOT.districtDepartmentCode,
    name: 'Phòng Giáo dục và Đào tạo thành phố Lai Châu',
    path: '',
    ownership: 'public',
    address: `Tổ 18, phường Tân Phong, ${CITY_TAIL}`,
    phone: '0213 3876 579',
    email: 'pgddt.tplaichau@laichau.edu.vn',
    latitude: 22.3921,
    longitude: 103.4655,
  };
  phong.path = `${so.path}${phong.id}/`;
  plan.units.push(so, phong);

  const schoolUnits = new Map<string, { unit: UnitRow; site: UnitRow; spec: SchoolSpec }>();
  for (const spec of SCHOOLS) {
    const id = ids.uuid();
    const address = `${spec.street}, phường ${spec.ward}, ${CITY_TAIL}`;
    const unit: UnitRow = {
      id,
      parentId: phong.id,
      kind: 'school',
      code: spec.code,
      name: spec.name,
      path: `${phong.path}${id}/`,
      schoolLevel: spec.level,
      ownership: 'public',
      address,
      phone: spec.phone,
      email: `${asciiSlug(spec.name.replace('Trường ', ''), '')}.tplaichau@laichau.edu.vn`,
      latitude: spec.latitude,
      longitude: spec.longitude,
    };
    const siteId = ids.uuid();
    const site: UnitRow = {
      id: siteId,
      parentId: id,
      kind: 'school_site',
      code: `${spec.code}-DTC`,
      name: 'Điểm trường chính',
      path: `${unit.path}${siteId}/`,
      schoolLevel: spec.level,
      ownership: 'public',
      address,
      latitude: spec.latitude,
      longitude: spec.longitude,
    };
    plan.units.push(unit, site);
    schoolUnits.set(spec.key, { unit, site, spec });
  }
  const school = (key: string) => {
    const found = schoolUnits.get(key);
    if (!found) throw new Error(`Unknown school ${key}`);
    return found;
  };

  // --- Staff --------------------------------------------------------------------------------------------------
  type StaffSpec = {
    category: 'manager' | 'teacher' | 'employee';
    position: string;
    mainSubjectCode?: string;
    femaleShare: number;
  };
  const addStaff = (unitId: string, spec: StaffSpec): StaffRow => {
    const ethnicityCode = rng.weighted(STAFF_ETHNICITY_WEIGHTS);
    const gender: Gender = rng.chance(spec.femaleShare) ? 'F' : 'M';
    const fullName = makeFullName(rng, ethnicityCode, gender, pickFamilyName(rng, ethnicityCode), 0.6);
    const birthYear = spec.category === 'manager' ? rng.int(1970, 1984) : rng.int(1972, 1998);
    const qualification =
      spec.category === 'teacher' || spec.position === 'specialist'
        ? rng.weighted([
            ['bachelor', 75],
            ['master', 15],
            ['college', 10],
          ] as const)
        : spec.category === 'manager'
          ? rng.weighted([
              ['bachelor', 60],
              ['master', 40],
            ] as const)
          : rng.weighted([
              ['college', 40],
              ['bachelor', 35],
              ['intermediate', 25],
            ] as const);
    const row: StaffRow = {
      schoolId: unitId,
      id: ids.uuid(),
      staffCode: unique.staffCode(),
      citizenId: unique.citizenId(gender, birthYear),
      fullName,
      birthDate: randomDate(rng, birthYear),
      gender,
      ethnicityCode,
      category: spec.category,
      position: spec.position,
      qualification,
      mainSubjectCode: spec.mainSubjectCode ?? null,
      phone: unique.phone(),
      email: unique.email(fullName, 'laichau.edu.vn'),
      status: 'working',
    };
    plan.staff.push(row);
    return row;
  };
  const addStaffSubjects = (row: StaffRow, codes: Iterable<string>) => {
    for (const code of new Set(codes)) {
      plan.staffSubjects.push({ schoolId: row.schoolId, staffId: row.id, subjectId: subjectId(code) });
    }
  };

  // Department staff: the Sở and the Phòng (chuyên viên)
  addStaff(so.id, { category: 'manager', position: 'head', femaleShare: 0.3 });
  addStaff(so.id, { category: 'manager', position: 'deputy_head', femaleShare: 0.5 });
  const soAdmin = addStaff(so.id, {
    category: 'employee',
    position: 'specialist',
    mainSubjectCode: 'THCS_TIN_HOC',
    femaleShare: 0.5,
  });
  addStaff(so.id, {
    category: 'employee',
    position: 'specialist',
    mainSubjectCode: 'THCS_NGU_VAN',
    femaleShare: 0.6,
  });
  addStaff(so.id, {
    category: 'employee',
    position: 'specialist',
    mainSubjectCode: 'TH_TOAN',
    femaleShare: 0.6,
  });
  addStaff(phong.id, { category: 'manager', position: 'head', femaleShare: 0.4 });
  addStaff(phong.id, { category: 'manager', position: 'deputy_head', femaleShare: 0.5 });
  const phongSpecialist = addStaff(phong.id, {
    category: 'employee',
    position: 'specialist',
    mainSubjectCode: 'THCS_TOAN',
    femaleShare: 0.5,
  });
  for (const code of ['TH_TIENG_VIET', 'THCS_NGOAI_NGU_1', 'THCS_TIN_HOC']) {
    addStaff(phong.id, {
      category: 'employee',
      position: 'specialist',
      mainSubjectCode: code,
      femaleShare: 0.6,
    });
  }

  type SchoolStaff = {
    principal: StaffRow;
    teachers: StaffRow[];
    generalists: StaffRow[];
    librarian: StaffRow;
  };
  const schoolStaff = new Map<string, SchoolStaff>();
  for (const spec of SCHOOLS) {
    const unitId = school(spec.key).unit.id;
    const primary = spec.level === 'TH';
    const principal = addStaff(unitId, {
      category: 'manager',
      position: 'principal',
      mainSubjectCode: primary ? 'TH_TIENG_VIET' : spec.level === 'THCS' ? 'THCS_NGU_VAN' : undefined,
      femaleShare: spec.level === 'MN' ? 0.95 : 0.5,
    });
    const viceSubjects = primary
      ? ['TH_TOAN']
      : spec.level === 'THCS'
        ? ['THCS_TOAN', 'THCS_KHTN']
        : [undefined];
    const viceCount = spec.key === 'QT' || spec.key === 'DK' ? 2 : 1;
    for (let i = 0; i < viceCount; i++) {
      addStaff(unitId, {
        category: 'manager',
        position: 'vice_principal',
        mainSubjectCode: viceSubjects[i % viceSubjects.length],
        femaleShare: spec.level === 'MN' ? 0.95 : 0.6,
      });
    }
    const teachers: StaffRow[] = [];
    const generalists: StaffRow[] = [];
    if (primary) {
      for (let i = 0; i < 5; i++) {
        const t = addStaff(unitId, {
          category: 'teacher',
          position: 'teacher',
          mainSubjectCode: i % 2 === 0 ? 'TH_TIENG_VIET' : 'TH_TOAN',
          femaleShare: 0.85,
        });
        generalists.push(t);
        teachers.push(t);
      }
      for (const code of PRIMARY_SPECIALIST_SUBJECTS) {
        teachers.push(
          addStaff(unitId, {
            category: 'teacher',
            position: 'teacher',
            mainSubjectCode: code,
            femaleShare: 0.6,
          }),
        );
      }
    } else if (spec.level === 'THCS' && SECONDARY_TEACHERS[spec.key]) {
      for (const [code, count] of SECONDARY_TEACHERS[spec.key]) {
        for (let i = 0; i < count; i++) {
          teachers.push(
            addStaff(unitId, {
              category: 'teacher',
              position: 'teacher',
              mainSubjectCode: code,
              femaleShare: 0.65,
            }),
          );
        }
      }
    }
    const librarian = addStaff(unitId, { category: 'employee', position: 'librarian', femaleShare: 0.8 });
    addStaff(unitId, { category: 'employee', position: 'accountant', femaleShare: 0.8 });
    if (spec.level !== 'MN') addStaff(unitId, { category: 'employee', position: 'clerk', femaleShare: 0.6 });
    schoolStaff.set(spec.key, { principal, teachers, generalists, librarian });
  }
  const staffOf = (key: string): SchoolStaff => schoolStaff.get(key)!;

  // --- Classes, homeroom teachers and teaching assignments ----------------------------------------------------
  const pilotSchools: readonly PilotSchool[] = LAI_CHAU_PILOT.schools;
  const classByName = new Map<string, ClassRow>(); // `${schoolKey}:${name}`
  for (const pilot of pilotSchools) {
    const { unit, site } = school(pilot.key);
    const { teachers, generalists } = staffOf(pilot.key);
    const homerooms = pilot.level === 'TH' ? generalists : rankHomeroomCandidates(teachers, pilot.key);
    const schoolClasses = pilot.classes.map((c: PilotClass, index): ClassRow => {
      const row: ClassRow = {
        schoolId: unit.id,
        id: ids.uuid(),
        schoolYearId: ref.schoolYearId,
        siteId: site.id,
        grade: c.grade,
        name: c.name,
        homeroomTeacherId: homerooms[index].id,
        room: c.room,
        isSmart: true,
      };
      classByName.set(`${pilot.key}:${c.name}`, row);
      return row;
    });
    plan.classes.push(...schoolClasses);

    const taught = new Map<string, Set<string>>(
      teachers.map((t) => [t.id, new Set([t.mainSubjectCode ?? ''])]),
    );
    const assign = (teacher: StaffRow, cls: ClassRow, code: string) => {
      plan.teachingAssignments.push({
        schoolId: unit.id,
        id: ids.uuid(),
        staffId: teacher.id,
        classId: cls.id,
        subjectId: subjectId(code),
        schoolYearId: ref.schoolYearId,
      });
      taught.get(teacher.id)?.add(code);
    };
    const homeroomOf = (cls: ClassRow) => teachers.find((t) => t.id === cls.homeroomTeacherId)!;
    const levelSubjects = SUBJECTS.filter((s) => s.level === pilot.level);
    if (pilot.level === 'TH') {
      for (const cls of schoolClasses) {
        for (const s of levelSubjects.filter((x) => x.periodsByGrade[cls.grade] !== undefined)) {
          const teacher = PRIMARY_HOMEROOM_SUBJECTS.has(s.code)
            ? homeroomOf(cls)
            : teachers.find((t) => t.mainSubjectCode === s.code);
          if (!teacher) throw new Error(`No teacher for ${s.code} at ${pilot.code}`);
          assign(teacher, cls, s.code);
        }
      }
      for (const g of generalists) taught.get(g.id)?.add('TH_TIENG_VIET').add('TH_TOAN').add('TH_DAO_DUC');
    } else {
      const historyTeacher = new Map<string, StaffRow>(); // class id → Lịch sử và Địa lí teacher
      for (const s of levelSubjects) {
        if (s.code === 'THCS_HDTN' || s.code === 'THCS_GDDP') continue;
        const pool = teachers.filter((t) => t.mainSubjectCode === s.code);
        if (pool.length === 0) throw new Error(`No teacher for ${s.code} at ${pilot.code}`);
        for (const [cls, teacher] of distributeClasses(schoolClasses, pool, s.code, homeroomOf)) {
          assign(teacher, cls, s.code);
          if (s.code === 'THCS_LS_DL') historyTeacher.set(cls.id, teacher);
        }
      }
      for (const cls of schoolClasses) {
        assign(homeroomOf(cls), cls, 'THCS_HDTN'); // hoạt động trải nghiệm: the homeroom teacher
        assign(historyTeacher.get(cls.id)!, cls, 'THCS_GDDP'); // giáo dục địa phương: the history teacher
      }
    }
    for (const t of teachers)
      addStaffSubjects(
        t,
        [...(taught.get(t.id) ?? [])].filter((c) => c !== ''),
      );
  }
  for (const row of plan.staff) {
    if (
      row.category === 'manager' &&
      row.mainSubjectCode &&
      row.schoolId !== so.id &&
      row.schoolId !== phong.id
    ) {
      addStaffSubjects(row, [row.mainSubjectCode]);
    }
  }

  // --- Students, families and guardians ----------------------------------------------------------------------
  type FamilyGuardian = { row: GuardianRow; relationship: 'father' | 'mother' | 'grandparent' | 'other' };
  type Family = {
    ethnicityCode: string;
    familyName: string;
    address: string;
    poverty: 'none' | 'poor' | 'near_poor';
    orphan: 'none' | 'one_parent' | 'both';
    guardians: FamilyGuardian[]; // primary first
    grades: number[];
    reserved: boolean;
  };
  const firstStudentOf = new Map<string, { student: StudentRow; family: Family }>();

  for (const pilot of pilotSchools) {
    const { unit, spec } = school(pilot.key);
    const families: Family[] = [];

    const newGuardian = (
      family: Family,
      relationship: FamilyGuardian['relationship'],
      gender: Gender,
      age: number,
      withEmail: boolean,
    ): FamilyGuardian => {
      const familyName =
        gender === 'M' && relationship !== 'other'
          ? family.familyName
          : pickOtherFamilyName(rng, family.ethnicityCode, family.familyName);
      const fullName = makeFullName(rng, family.ethnicityCode, gender, familyName, 0.3);
      const rural = family.address.startsWith('Bản');
      const row: GuardianRow = {
        schoolId: unit.id,
        id: ids.uuid(),
        fullName,
        phone: unique.phone(),
        email: withEmail || rng.chance(rural ? 0.08 : 0.28) ? unique.email(fullName, 'gmail.com') : null,
        citizenId: rng.chance(0.85) ? unique.citizenId(gender, 2024 - age) : null,
        occupation: rng.pick(
          (rural ? OCCUPATIONS_VILLAGE : OCCUPATIONS_TOWN).filter(
            (o) => o !== (gender === 'M' ? 'Nội trợ' : 'Bộ đội'),
          ),
        ),
        address: family.address,
      };
      plan.guardians.push(row);
      return { row, relationship };
    };

    const newFamily = (reserved: boolean): Family => {
      const ethnicityCode = pickEthnicity(rng);
      const profile = ethnicProfile(ethnicityCode);
      const povertyRoll = rng.next();
      const orphanRoll = rng.next();
      const family: Family = {
        ethnicityCode,
        familyName: pickFamilyName(rng, ethnicityCode),
        address: makeAddress(rng, profile.rural, spec.ward),
        poverty:
          povertyRoll < profile.poor
            ? 'poor'
            : povertyRoll < profile.poor + profile.nearPoor
              ? 'near_poor'
              : 'none',
        orphan: reserved || orphanRoll >= 0.01 ? 'none' : orphanRoll < 0.008 ? 'one_parent' : 'both',
        guardians: [],
        grades: [],
        reserved,
      };
      const father = () => newGuardian(family, 'father', 'M', rng.int(32, 48), reserved);
      const mother = () => newGuardian(family, 'mother', 'F', rng.int(30, 45), reserved);
      const grandparent = () => {
        const gender: Gender = rng.chance(0.5) ? 'M' : 'F';
        return newGuardian(family, 'grandparent', gender, rng.int(55, 72), false);
      };
      const roll = rng.next();
      if (family.orphan === 'both') {
        family.guardians.push(grandparent());
        if (rng.chance(0.4)) family.guardians.push(newGuardian(family, 'other', 'F', rng.int(28, 45), false));
      } else if (family.orphan === 'one_parent') {
        family.guardians.push(rng.chance(0.6) ? mother() : father());
        if (rng.chance(0.3)) family.guardians.push(grandparent());
      } else if (reserved || roll < 0.62) {
        const motherFirst = !reserved && rng.chance(0.55);
        family.guardians.push(...(motherFirst ? [mother(), father()] : [father(), mother()]));
      } else if (roll < 0.87) {
        family.guardians.push(rng.chance(0.6) ? mother() : father());
      } else if (roll < 0.97) {
        family.guardians.push(rng.chance(0.6) ? mother() : father(), grandparent());
      } else {
        family.guardians.push(grandparent());
      }
      families.push(family);
      return family;
    };

    for (const c of pilot.classes) {
      const cls = classByName.get(`${pilot.key}:${c.name}`)!;
      const birthYear = 2024 - 5 - c.grade;
      for (let i = 0; i < c.students; i++) {
        const reserved = pilot.level === 'THCS' && c.name === '6A1' && i === 0;
        let family: Family | undefined;
        // Anh chị em ruột: about 5% of students share their guardians with a brother or sister in the school
        if (!reserved && families.length > 10 && rng.chance(0.035)) {
          const candidates = families.filter((f) => !f.reserved && !f.grades.includes(c.grade));
          if (candidates.length > 0) family = rng.pick(candidates);
        }
        family ??= newFamily(reserved);
        family.grades.push(c.grade);

        const gender: Gender = rng.chance(0.5) ? 'M' : 'F';
        const disabled = rng.chance(0.03);
        const student: StudentRow = {
          schoolId: unit.id,
          id: ids.uuid(),
          sectorId: unique.sectorId(),
          citizenId: rng.chance(0.7) ? unique.citizenId(gender, birthYear) : null,
          fullName: makeFullName(rng, family.ethnicityCode, gender, family.familyName, 0.45),
          birthDate: randomDate(rng, birthYear),
          gender,
          ethnicityCode: family.ethnicityCode,
          disability: disabled ? rng.pick(['vận động', 'nghe', 'nhìn', 'trí tuệ', 'học tập']) : null,
          poverty: family.poverty,
          orphan: family.orphan,
          address: family.address,
          status: 'studying',
          currentClassId: cls.id,
        };
        plan.students.push(student);
        if (i === 0 && c.name === '6A1') firstStudentOf.set(pilot.key, { student, family });

        family.guardians.forEach((g, index) => {
          plan.studentGuardians.push({
            schoolId: unit.id,
            studentId: student.id,
            guardianId: g.row.id,
            relationship: g.relationship,
            isPrimary: index === 0,
          });
        });

        const change = CLASS_CHANGES.find(
          (x) => x.school === pilot.key && x.className === c.name && x.index === i,
        );
        if (change) {
          const previous = classByName.get(`${pilot.key}:${change.from}`)!;
          plan.enrolments.push(
            {
              schoolId: unit.id,
              id: ids.uuid(),
              studentId: student.id,
              classId: previous.id,
              schoolYearId: ref.schoolYearId,
              startDate: LAI_CHAU_PILOT.enrolmentStartDate,
              endDate: previousDay(change.date),
              reason: 'new',
              endReason: 'class_change',
            },
            {
              schoolId: unit.id,
              id: ids.uuid(),
              studentId: student.id,
              classId: cls.id,
              schoolYearId: ref.schoolYearId,
              startDate: change.date,
              reason: 'class_change',
            },
          );
        } else {
          plan.enrolments.push({
            schoolId: unit.id,
            id: ids.uuid(),
            studentId: student.id,
            classId: cls.id,
            schoolYearId: ref.schoolYearId,
            startDate: LAI_CHAU_PILOT.enrolmentStartDate,
            reason: 'new',
          });
        }
      }
    }
  }

  // --- Accounts ------------------------------------------------------------------------------------------------
  const qt = school('QT').unit;
  const tp = school('TP').unit;
  const qtFirst = firstStudentOf.get('QT')!;
  const tpFirst = firstStudentOf.get('TP')!;
  const qt6A1 = classByName.get('QT:6A1')!;
  const qtTeacher = staffOf('QT').teachers.find((t) => t.id === qt6A1.homeroomTeacherId)!;
  type AccountSpec = {
    username: (typeof ACCOUNT_USERNAMES)[number];
    role: DemoRole;
    unit: UnitRow;
    person: { staff: StaffRow } | { guardian: GuardianRow } | { student: StudentRow };
  };
  const specs: AccountSpec[] = [
    { username: 'admin.so', role: 'dept_admin', unit: so, person: { staff: soAdmin } },
    {
      username: 'chuyenvien.phong',
      role: 'dept_specialist',
      unit: phong,
      person: { staff: phongSpecialist },
    },
    { username: 'hieutruong.qt', role: 'school_admin', unit: qt, person: { staff: staffOf('QT').principal } },
    {
      username: 'hieutruong.th1',
      role: 'school_admin',
      unit: school('TH1').unit,
      person: { staff: staffOf('TH1').principal },
    },
    { username: 'giaovien.qt', role: 'teacher', unit: qt, person: { staff: qtTeacher } },
    { username: 'thuvien.qt', role: 'staff', unit: qt, person: { staff: staffOf('QT').librarian } },
    {
      username: 'phuhuynh.qt',
      role: 'parent',
      unit: qt,
      person: { guardian: qtFirst.family.guardians[0].row },
    },
    { username: 'hocsinh.qt', role: 'student', unit: qt, person: { student: qtFirst.student } },
    {
      username: 'phuhuynh.tp',
      role: 'parent',
      unit: tp,
      person: { guardian: tpFirst.family.guardians[0].row },
    },
  ];
  for (const spec of specs) {
    const person =
      'staff' in spec.person ? spec.person.staff : 'guardian' in spec.person ? spec.person.guardian : null;
    const student = 'student' in spec.person ? spec.person.student : null;
    const user: UserRow = {
      id: ids.uuid(),
      username: spec.username,
      passwordHash: '',
      fullName: person?.fullName ?? student?.fullName ?? spec.username,
      email: person?.email ?? null,
      homeUnitId: spec.unit.id,
      staffId: 'staff' in spec.person ? spec.person.staff.id : null,
      guardianId: 'guardian' in spec.person ? spec.person.guardian.id : null,
      studentId: student?.id ?? null,
    };
    plan.users.push(user);
    plan.roleAssignments.push({ id: ids.uuid(), userId: user.id, role: spec.role, unitId: spec.unit.id });
    plan.accounts.push({
      role: spec.role,
      username: spec.username,
      password: DEMO_PASSWORD,
      fullName: user.fullName,
      scopeName: spec.unit.name,
    });
  }
  return plan;
}

/** Homeroom duty goes first to the first teacher of each core subject, then to the second ones, and so on. */
function rankHomeroomCandidates(teachers: readonly StaffRow[], schoolKey: string): StaffRow[] {
  const order = (SECONDARY_TEACHERS[schoolKey] ?? []).map(([code]) => code);
  const rankInSubject = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const t of teachers) {
    const code = t.mainSubjectCode ?? '';
    const n = seen.get(code) ?? 0;
    rankInSubject.set(t.id, n);
    seen.set(code, n + 1);
  }
  return [...teachers].sort(
    (a, b) =>
      rankInSubject.get(a.id)! - rankInSubject.get(b.id)! ||
      order.indexOf(a.mainSubjectCode ?? '') - order.indexOf(b.mainSubjectCode ?? ''),
  );
}

/**
 * Shares a subject's classes among its teachers: a homeroom teacher keeps their own class, the rest go to the
 * least-loaded teacher, preferring one who already teaches that grade.
 */
function distributeClasses(
  schoolClasses: readonly ClassRow[],
  pool: readonly StaffRow[],
  code: string,
  homeroomOf: (cls: ClassRow) => StaffRow,
): [ClassRow, StaffRow][] {
  const load = new Map(pool.map((t) => [t.id, [] as number[]]));
  const result = new Map<ClassRow, StaffRow>();
  for (const cls of schoolClasses) {
    const homeroom = homeroomOf(cls);
    if (homeroom.mainSubjectCode === code) {
      result.set(cls, homeroom);
      load.get(homeroom.id)!.push(cls.grade);
    }
  }
  for (const cls of schoolClasses) {
    if (result.has(cls)) continue;
    let best = pool[0];
    let bestScore = Number.POSITIVE_INFINITY;
    for (const t of pool) {
      const grades = load.get(t.id)!;
      const score = grades.length * 2 - (grades.includes(cls.grade) ? 1 : 0);
      if (score < bestScore) {
        best = t;
        bestScore = score;
      }
    }
    result.set(cls, best);
    load.get(best.id)!.push(cls.grade);
  }
  return schoolClasses.map((cls) => [cls, result.get(cls)!]);
}

/** Unique identifiers across the whole demo: codes, phone numbers, e-mail addresses. */
function createUniqueness(rng: Random) {
  const used = new Set<string>();
  const draw = (make: () => string): string => {
    for (;;) {
      const value = make();
      if (!used.has(value)) {
        used.add(value);
        return value;
      }
    }
  };
  const MOBILE_PREFIXES = [
    '096',
    '097',
    '098',
    '091',
    '094',
    '090',
    '093',
    '032',
    '033',
    '034',
    '035',
    '036',
    '037',
    '038',
    '039',
  ];
  return {
    /** Mã định danh ngành: Lai Châu's province code 12, then 8 digits. */
    sectorId: () => draw(() => `12${rng.digits(8)}`),
    staffCode: () => draw(() => `CB${rng.digits(8)}`),
    /** Số định danh cá nhân: province 012, century-and-gender digit, two-digit year, six digits. */
    citizenId: (gender: Gender, birthYear: number) =>
      draw(() => {
        const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === 'F' ? 1 : 0);
        return `012${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${rng.digits(6)}`;
      }),
    phone: () => draw(() => `${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}`),
    email: (fullName: string, domain: string) => {
      const base = asciiSlug(fullName, '');
      return draw(() => `${base}${rng.int(1, 99)}@${domain}`);
    },
  };
}

function randomDate(rng: Random, year: number): string {
  const month = rng.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(rng.int(1, days))}`;
}

function previousDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

// ---------------------------------------------------------------------------------------------------------
// Writing the plan: multi-row inserts, in foreign-key order.

/** Rows per INSERT: keeps every statement well under PostgreSQL's 65,535 bind parameters. */
const ROWS_PER_INSERT = 2000;

async function insertRows<TTable extends PgTable>(tx: Tx, table: TTable, rows: PgInsertValue<TTable>[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await tx.insert(table).values(rows.slice(i, i + ROWS_PER_INSERT));
  }
}

async function insertPlan(tx: Tx, plan: DemoPlan): Promise<void> {
  await insertRows(tx, units, plan.units);
  await insertRows(tx, staff, plan.staff);
  await insertRows(tx, staffSubjects, plan.staffSubjects);
  await insertRows(tx, classes, plan.classes);
  await insertRows(tx, students, plan.students);
  await insertRows(tx, enrolments, plan.enrolments);
  await insertRows(tx, guardians, plan.guardians);
  await insertRows(tx, studentGuardians, plan.studentGuardians);
  await insertRows(tx, teachingAssignments, plan.teachingAssignments);
  await insertRows(tx, users, plan.users);
  await insertRows(tx, roleAssignments, plan.roleAssignments);
}
