/**
 * Lai Châu city's 2024 smart-classroom pilot (Kế hoạch 596/KH-UBND, 04/3/2024): 17 smart classes in four
 * schools, 717 students, school year 2024-2025. The demo seed builds exactly these classes; tests assert them.
 */

export type PilotClass = { name: string; grade: number; students: number; room: string };
export type PilotSchool = {
  key: 'TH1' | 'TH2' | 'QT' | 'TP';
  code: string;
  name: string;
  level: 'TH' | 'THCS';
  students: number;
  classes: readonly PilotClass[];
};

export const LAI_CHAU_PILOT = {
  plan: 'Kế hoạch 596/KH-UBND ngày 04/3/2024 của UBND thành phố Lai Châu',
  schoolYear: '2024-2025',
  enrolmentStartDate: '2024-09-05',
  provinceDepartmentCode: 'LCU',
  districtDepartmentCode: 'LCU-TP',
  totalClasses: 17,
  totalStudents: 717,
  schools: [
    {
      key: 'TH1',
      code: 'LCU-TP-TH1',
      name: 'Trường Tiểu học Số 1',
      level: 'TH',
      students: 120,
      classes: [
        { name: '3A1', grade: 3, students: 40, room: 'P.101' },
        { name: '4A1', grade: 4, students: 40, room: 'P.201' },
        { name: '5A1', grade: 5, students: 40, room: 'P.301' },
      ],
    },
    {
      key: 'TH2',
      code: 'LCU-TP-TH2',
      name: 'Trường Tiểu học Số 2',
      level: 'TH',
      students: 120,
      classes: [
        { name: '3A1', grade: 3, students: 40, room: 'P.102' },
        { name: '4A1', grade: 4, students: 40, room: 'P.202' },
        { name: '5A1', grade: 5, students: 40, room: 'P.302' },
      ],
    },
    {
      key: 'QT',
      code: 'LCU-TP-QT',
      name: 'Trường THCS Quyết Tiến',
      level: 'THCS',
      students: 287,
      classes: [
        { name: '6A1', grade: 6, students: 40, room: 'P.101' },
        { name: '6A2', grade: 6, students: 40, room: 'P.102' },
        { name: '7A1', grade: 7, students: 40, room: 'P.201' },
        { name: '7A2', grade: 7, students: 40, room: 'P.202' },
        { name: '8A1', grade: 8, students: 43, room: 'P.301' },
        { name: '8A2', grade: 8, students: 42, room: 'P.302' },
        { name: '8A3', grade: 8, students: 42, room: 'P.303' },
      ],
    },
    {
      key: 'TP',
      code: 'LCU-TP-TP',
      name: 'Trường THCS Tân Phong',
      level: 'THCS',
      students: 190,
      classes: [
        { name: '6A1', grade: 6, students: 45, room: 'P.201' },
        { name: '6A2', grade: 6, students: 45, room: 'P.202' },
        { name: '7A1', grade: 7, students: 50, room: 'P.301' },
        { name: '7A2', grade: 7, students: 50, room: 'P.302' },
      ],
    },
  ] satisfies readonly PilotSchool[],
} as const;

/** The one password of every demo account. */
export const DEMO_PASSWORD = 'LaiChau@2024';
