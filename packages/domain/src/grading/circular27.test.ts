import { describe, expect, it } from 'vitest';
import { CURRICULUM, GRADES_BY_LEVEL } from '../curriculum/subjects';
import {
  COMPETENCIES,
  classifyPrimaryYearEnd,
  completesGrade,
  completesPrimaryProgramme,
  type PeriodicPoint,
  type PrimarySubjectYearEnd,
  parsePeriodicTestScore,
  periodicTestPoints,
  periodicTestRequired,
  QUALITIES,
  type QualityLevel,
  SUBJECT_LEVEL_LABELS,
  SUBJECT_LEVEL_RECORD_CODES,
  scienceRequiresPeriodicTest,
  validatePeriodicTestScore,
} from './circular27';
import { IncompleteAssessmentError } from './incomplete-assessment.error';

describe('qualities and competencies', () => {
  it('lists the 5 qualities with Vietnamese names', () => {
    expect(QUALITIES.map((quality) => quality.name)).toEqual([
      'Yêu nước',
      'Nhân ái',
      'Chăm chỉ',
      'Trung thực',
      'Trách nhiệm',
    ]);
  });

  it('lists 3 general and 7 specific competencies', () => {
    expect(COMPETENCIES.filter((c) => c.group === 'general').map((c) => c.name)).toEqual([
      'Tự chủ và tự học',
      'Giao tiếp và hợp tác',
      'Giải quyết vấn đề và sáng tạo',
    ]);
    expect(COMPETENCIES.filter((c) => c.group === 'specific').map((c) => c.name)).toEqual([
      'Ngôn ngữ',
      'Tính toán',
      'Khoa học',
      'Công nghệ',
      'Tin học',
      'Thẩm mĩ',
      'Thể chất',
    ]);
    expect(new Set(COMPETENCIES.map((c) => c.code)).size).toBe(10);
  });

  it('labels subject levels and their transcript letters', () => {
    expect(SUBJECT_LEVEL_LABELS.HTT.vi).toBe('Hoàn thành tốt');
    expect(SUBJECT_LEVEL_LABELS.CHT.vi).toBe('Chưa hoàn thành');
    expect(SUBJECT_LEVEL_RECORD_CODES).toEqual({ HTT: 'T', HT: 'H', CHT: 'C' });
  });
});

describe('periodicTestRequired', () => {
  const cases: [string, number, PeriodicPoint, boolean][] = [
    ['TIENG_VIET', 1, 'end1', true],
    ['TIENG_VIET', 1, 'end2', true],
    ['TIENG_VIET', 1, 'mid1', false],
    ['TOAN', 3, 'mid2', false],
    ['TOAN', 3, 'end2', true],
    ['TIENG_VIET', 4, 'mid1', true],
    ['TIENG_VIET', 5, 'mid2', true],
    ['TOAN', 4, 'mid2', true],
    ['TOAN', 5, 'mid1', true],
    ['NGOAI_NGU_1', 1, 'end1', false], // not studied in grade 1
    ['NGOAI_NGU_1', 3, 'end1', true],
    ['NGOAI_NGU_1', 4, 'mid1', false],
    ['LS_DL', 3, 'end2', false], // from grade 4
    ['LS_DL', 4, 'end1', true],
    ['LS_DL', 5, 'mid2', false],
    ['TIN_HOC_CONG_NGHE', 3, 'end1', true],
    ['TIN_HOC_CONG_NGHE', 2, 'end1', false],
    ['KHOA_HOC', 4, 'end2', true], // to confirm
    ['DAO_DUC', 5, 'end2', false],
    ['TNXH', 2, 'end1', false],
    ['GDTC', 4, 'end1', false],
    ['NGHE_THUAT', 4, 'end2', false],
    ['HDTN', 5, 'end2', false],
  ];

  it.each(cases)('%s, grade %i, %s → %s', (code, grade, point, required) => {
    expect(periodicTestRequired(code, grade, point)).toBe(required);
  });

  it('accepts prefixed codes and subject objects', () => {
    expect(periodicTestRequired('TH_TOAN', 4, 'mid1')).toBe(true);
    expect(periodicTestRequired({ code: 'TH_TIENG_VIET' }, 2, 'end1')).toBe(true);
  });

  it('lists the points of a subject', () => {
    expect(periodicTestPoints('TOAN', 4)).toEqual(['mid1', 'end1', 'mid2', 'end2']);
    expect(periodicTestPoints('TOAN', 3)).toEqual(['end1', 'end2']);
    expect(periodicTestPoints('DAO_DUC', 3)).toEqual([]);
  });

  it('agrees with the curriculum: a subject has tests exactly when it is assessed level_test', () => {
    for (const subject of CURRICULUM.filter((s) => s.level === 'TH')) {
      for (const grade of GRADES_BY_LEVEL.TH) {
        if (subject.periodsByGrade[grade] === undefined) continue;
        const tested = periodicTestPoints(subject, grade).length > 0;
        expect(tested, `${subject.code} grade ${grade}`).toBe(subject.assessment === 'level_test');
      }
    }
  });

  it('keeps Khoa học behind its to-confirm switch', () => {
    expect(scienceRequiresPeriodicTest()).toBe(true);
  });

  it('rejects unknown subjects, grades outside 1-5 and unknown points', () => {
    expect(() => periodicTestRequired('THCS_TOAN', 4, 'end1')).toThrow(RangeError);
    expect(() => periodicTestRequired('NOPE', 4, 'end1')).toThrow(RangeError);
    expect(() => periodicTestRequired('TOAN', 6, 'end1')).toThrow(RangeError);
    expect(() => periodicTestRequired('TOAN', 0, 'end1')).toThrow(RangeError);
    expect(() => periodicTestRequired('TOAN', 4, 'end3' as PeriodicPoint)).toThrow(RangeError);
  });
});

describe('periodic test scores (to confirm: whole numbers 1-10)', () => {
  it.each([1, 5, 9, 10])('accepts %i', (value) => {
    expect(validatePeriodicTestScore(value)).toEqual({ ok: true, value });
  });

  it('gives a distinct error for each rule', () => {
    expect(validatePeriodicTestScore(0)).toEqual({ ok: false, error: 'TEST_SCORE_ZERO' });
    expect(validatePeriodicTestScore(7.5)).toEqual({ ok: false, error: 'TEST_SCORE_NOT_WHOLE' });
    expect(validatePeriodicTestScore(0.5)).toEqual({ ok: false, error: 'TEST_SCORE_NOT_WHOLE' });
    expect(validatePeriodicTestScore(11)).toEqual({ ok: false, error: 'TEST_SCORE_OUT_OF_RANGE' });
    expect(validatePeriodicTestScore(-1)).toEqual({ ok: false, error: 'TEST_SCORE_OUT_OF_RANGE' });
    expect(validatePeriodicTestScore(Number.NaN)).toEqual({ ok: false, error: 'TEST_SCORE_NOT_NUMBER' });
    expect(validatePeriodicTestScore('7')).toEqual({ ok: false, error: 'TEST_SCORE_NOT_NUMBER' });
  });

  it('parses text', () => {
    expect(parsePeriodicTestScore('9')).toEqual({ ok: true, value: 9 });
    expect(parsePeriodicTestScore(' 10 ')).toEqual({ ok: true, value: 10 });
    expect(parsePeriodicTestScore('8,0')).toEqual({ ok: true, value: 8 });
    expect(parsePeriodicTestScore('7,5')).toEqual({ ok: false, error: 'TEST_SCORE_NOT_WHOLE' });
    expect(parsePeriodicTestScore('0')).toEqual({ ok: false, error: 'TEST_SCORE_ZERO' });
    expect(parsePeriodicTestScore('')).toEqual({ ok: false, error: 'TEST_SCORE_NOT_NUMBER' });
    expect(parsePeriodicTestScore('chín')).toEqual({ ok: false, error: 'TEST_SCORE_NOT_NUMBER' });
    expect(parsePeriodicTestScore(6)).toEqual({ ok: true, value: 6 });
  });
});

describe('classifyPrimaryYearEnd', () => {
  const allGood = (): QualityLevel[] => QUALITIES.map(() => 'T');
  const allGoodCompetencies = (): QualityLevel[] => COMPETENCIES.map(() => 'T');
  const withTests = (...tests: number[]): PrimarySubjectYearEnd[] => [
    { code: 'TH_TIENG_VIET', level: 'HTT', endYearTest: tests[0], requiresEndYearTest: true },
    { code: 'TH_TOAN', level: 'HTT', endYearTest: tests[1], requiresEndYearTest: true },
    { code: 'TH_DAO_DUC', level: 'HTT' },
    { code: 'TH_GDTC', level: 'HTT' },
  ];
  const classify = (
    subjects: PrimarySubjectYearEnd[],
    qualities = allGood(),
    competencies = allGoodCompetencies(),
  ) => classifyPrimaryYearEnd({ subjects, qualities, competencies });

  it('Hoàn thành xuất sắc: all HTT, all Tốt, every test ≥ 9', () => {
    expect(classify(withTests(9, 10))).toBe('HTXS');
  });

  it('Hoàn thành tốt: the same with a test between 7 and 8', () => {
    expect(classify(withTests(9, 8))).toBe('HTT');
    expect(classify(withTests(7, 7))).toBe('HTT');
  });

  it('Hoàn thành: a test between 5 and 6, a subject HT, or a quality Đạt', () => {
    expect(classify(withTests(6, 10))).toBe('HT');
    expect(classify(withTests(5, 5))).toBe('HT');
    const oneHT = withTests(10, 10);
    oneHT[2] = { code: 'TH_DAO_DUC', level: 'HT' };
    expect(classify(oneHT)).toBe('HT');
    const qualities = allGood();
    qualities[3] = 'D';
    expect(classify(withTests(10, 10), qualities)).toBe('HT');
    const competencies = allGoodCompetencies();
    competencies[9] = 'D';
    expect(classify(withTests(10, 10), allGood(), competencies)).toBe('HT');
  });

  it('Chưa hoàn thành: a test below 5, a subject CHT, or a quality or competency Cần cố gắng', () => {
    expect(classify(withTests(4, 10))).toBe('CHT');
    const oneCHT = withTests(10, 10);
    oneCHT[3] = { code: 'TH_GDTC', level: 'CHT' };
    expect(classify(oneCHT)).toBe('CHT');
    const qualities = allGood();
    qualities[0] = 'CCG';
    expect(classify(withTests(10, 10), qualities)).toBe('CHT');
    const competencies = allGoodCompetencies();
    competencies[0] = 'CCG';
    expect(classify(withTests(10, 10), allGood(), competencies)).toBe('CHT');
  });

  it('throws IncompleteAssessmentError for a missing level, test or quality', () => {
    const subjects = withTests(9, 9);
    subjects[0] = { code: 'TH_TIENG_VIET', level: 'HTT', requiresEndYearTest: true };
    subjects[2] = { code: 'TH_DAO_DUC', level: undefined };
    const qualities: (QualityLevel | null)[] = allGood();
    qualities[1] = null;
    try {
      classifyPrimaryYearEnd({ subjects, qualities, competencies: allGoodCompetencies() });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IncompleteAssessmentError);
      expect((error as IncompleteAssessmentError).missing).toEqual([
        'TH_TIENG_VIET: end-of-year test',
        'TH_DAO_DUC: level',
        'quality NHAN_AI',
      ]);
    }
  });

  it('throws a RangeError for malformed input', () => {
    expect(() => classify([])).toThrow(RangeError);
    expect(() => classify(withTests(9, 9), allGood().slice(1))).toThrow(RangeError);
    expect(() => classify(withTests(9, 9), allGood(), allGoodCompetencies().slice(3))).toThrow(RangeError);
    expect(() => classify(withTests(0, 9))).toThrow(/TEST_SCORE_ZERO/);
    expect(() => classify([{ level: 'X' as 'HT' }])).toThrow(RangeError);
  });
});

describe('completion', () => {
  it('HTXS, HTT and HT complete the grade', () => {
    expect(completesGrade('HTXS')).toBe(true);
    expect(completesGrade('HTT')).toBe(true);
    expect(completesGrade('HT')).toBe(true);
    expect(completesGrade('CHT')).toBe(false);
  });

  it('grade 5 completion completes the primary programme', () => {
    expect(completesPrimaryProgramme(5, 'HT')).toBe(true);
    expect(completesPrimaryProgramme(5, 'CHT')).toBe(false);
    expect(completesPrimaryProgramme(4, 'HTXS')).toBe(false);
    expect(() => completesPrimaryProgramme(6, 'HT')).toThrow(RangeError);
  });
});
