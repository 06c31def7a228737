import { describe, expect, it } from 'vitest';
import {
  CURRICULUM,
  findSubject,
  GRADES_BY_LEVEL,
  levelOfGrade,
  periodsPerYear,
  subjectsForGrade,
  THPT_ELECTIVE_COUNT,
} from './subjects';

describe('CURRICULUM', () => {
  it('has unique codes carrying their level prefix', () => {
    expect(new Set(CURRICULUM.map((s) => s.code)).size).toBe(CURRICULUM.length);
    for (const subject of CURRICULUM)
      expect(subject.code.startsWith(`${subject.level}_`), subject.code).toBe(true);
  });

  it('has unique, increasing sort orders', () => {
    const orders = CURRICULUM.map((s) => s.sortOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('uses each circular’s assessment kinds at its level', () => {
    for (const subject of CURRICULUM) {
      const allowed = subject.level === 'TH' ? ['level', 'level_test'] : ['scored', 'comment'];
      expect(allowed, subject.code).toContain(subject.assessment);
    }
  });

  it('lists periods only for grades of the subject’s level, as positive integers', () => {
    for (const subject of CURRICULUM) {
      const grades = Object.keys(subject.periodsByGrade).map(Number);
      expect(grades.length, subject.code).toBeGreaterThan(0);
      for (const grade of grades) {
        expect(GRADES_BY_LEVEL[subject.level], subject.code).toContain(grade);
        expect(Number.isInteger(subject.periodsByGrade[grade]) && subject.periodsByGrade[grade] > 0).toBe(
          true,
        );
      }
    }
  });

  it('stores names in NFC', () => {
    for (const subject of CURRICULUM) expect(subject.name).toBe(subject.name.normalize('NFC'));
  });

  it('marks exactly the Circular 22 comment-only subjects as comment', () => {
    const comment = CURRICULUM.filter((s) => s.assessment === 'comment').map((s) => s.code);
    expect(comment).toEqual([
      'THCS_GDTC',
      'THCS_NGHE_THUAT',
      'THCS_HDTN',
      'THCS_GDDP',
      'THPT_GDTC',
      'THPT_HDTN',
      'THPT_GDDP',
      'THPT_AM_NHAC',
      'THPT_MI_THUAT',
    ]);
  });

  it('offers 9 THPT electives of 70 periods, of which a student takes 4', () => {
    const electives = CURRICULUM.filter((s) => s.elective);
    expect(electives.map((s) => s.name)).toEqual([
      'Địa lí',
      'Giáo dục kinh tế và pháp luật',
      'Vật lí',
      'Hóa học',
      'Sinh học',
      'Công nghệ',
      'Tin học',
      'Âm nhạc',
      'Mĩ thuật',
    ]);
    for (const subject of electives) {
      expect(subject.level).toBe('THPT');
      expect(subject.periodsByGrade).toEqual({ 10: 70, 11: 70, 12: 70 });
    }
    expect(THPT_ELECTIVE_COUNT).toBe(4);
  });

  it('names subjects with correct diacritics', () => {
    expect(findSubject('TH_TIENG_VIET')?.name).toBe('Tiếng Việt');
    expect(findSubject('TH_TNXH')?.name).toBe('Tự nhiên và Xã hội');
    expect(findSubject('TH_TIN_HOC_CONG_NGHE')?.name).toBe('Tin học và Công nghệ');
    expect(findSubject('THCS_KHTN')?.name).toBe('Khoa học tự nhiên');
    expect(findSubject('THCS_HDTN')?.name).toBe('Hoạt động trải nghiệm, hướng nghiệp');
    expect(findSubject('THCS_GDDP')?.name).toBe('Nội dung giáo dục của địa phương');
    expect(findSubject('THPT_GDQPAN')?.name).toBe('Giáo dục quốc phòng và an ninh');
  });
});

describe('periodsPerYear', () => {
  it.each([
    ['TH_TIENG_VIET', 1, 420],
    ['TH_TIENG_VIET', 2, 350],
    ['TH_TIENG_VIET', 3, 245],
    ['TH_TIENG_VIET', 5, 245],
    ['TH_TOAN', 1, 105],
    ['TH_TOAN', 2, 175],
    ['TH_NGOAI_NGU_1', 3, 140],
    ['TH_TNXH', 3, 70],
    ['TH_HDTN', 4, 105],
    ['THCS_NGU_VAN', 6, 140],
    ['THCS_NGOAI_NGU_1', 9, 105],
    ['THCS_CONG_NGHE', 7, 35],
    ['THCS_CONG_NGHE', 8, 52],
    ['THPT_LICH_SU', 11, 52],
    ['THPT_GDQPAN', 12, 35],
  ] as const)('%s in grade %i has %i periods', (code, grade, periods) => {
    expect(periodsPerYear(code, grade)).toBe(periods);
  });

  it('is undefined for a grade that does not study the subject', () => {
    expect(periodsPerYear('TH_NGOAI_NGU_1', 1)).toBeUndefined();
    expect(periodsPerYear('TH_TNXH', 4)).toBeUndefined();
    expect(periodsPerYear('TH_LS_DL', 3)).toBeUndefined();
    expect(periodsPerYear('THCS_TOAN', 10)).toBeUndefined();
  });

  it('throws for an unknown code', () => {
    expect(() => periodsPerYear('TOAN', 6)).toThrow(RangeError);
  });
});

describe('grades', () => {
  it('maps grades to levels', () => {
    expect(levelOfGrade(1)).toBe('TH');
    expect(levelOfGrade(5)).toBe('TH');
    expect(levelOfGrade(6)).toBe('THCS');
    expect(levelOfGrade(9)).toBe('THCS');
    expect(levelOfGrade(10)).toBe('THPT');
    expect(levelOfGrade(12)).toBe('THPT');
    for (const bad of [0, 13, 5.5]) expect(() => levelOfGrade(bad)).toThrow(RangeError);
  });

  it('lists the subjects of a grade', () => {
    expect(subjectsForGrade(1).map((s) => s.code)).toEqual([
      'TH_TIENG_VIET',
      'TH_TOAN',
      'TH_DAO_DUC',
      'TH_TNXH',
      'TH_GDTC',
      'TH_NGHE_THUAT',
      'TH_HDTN',
    ]);
    expect(subjectsForGrade(4)).toHaveLength(10);
    const grade6 = subjectsForGrade(6);
    expect(grade6).toHaveLength(12);
    expect(grade6.filter((s) => s.assessment === 'scored')).toHaveLength(8);
    const grade10 = subjectsForGrade(10);
    expect(grade10.filter((s) => !s.elective)).toHaveLength(8);
    expect(grade10.filter((s) => !s.elective && s.assessment === 'scored')).toHaveLength(5);
  });
});
