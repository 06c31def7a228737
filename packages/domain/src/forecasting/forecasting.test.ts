import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthsFor,
  classesByGrade,
  classesNeeded,
  estimateIntakeRatio,
  forecastCohorts,
  normTeachers,
  STAFFING_GROUPS,
  staffingBySubject,
  survivalRatios,
  totalStudents,
} from './index';

// A small primary history (grades 1-3) and births per year, all made up for the hand computation.
const history = [
  { year: 2021, counts: { 1: 100, 2: 90, 3: 80 } },
  { year: 2022, counts: { 1: 110, 2: 95, 3: 88 } },
  { year: 2023, counts: { 1: 120, 2: 105, 3: 95 } },
];
const births = { 2015: 125, 2016: 125, 2017: 150, 2018: 160 };

describe('cohort-survival forecast (worked example)', () => {
  it('pools the survival ratios over consecutive years', () => {
    // s(1→2) = (95 + 105) / (100 + 110) = 200/210; s(2→3) = (88 + 95) / (90 + 95) = 183/185
    const s = survivalRatios(history, [1, 2, 3]);
    expect(s[1]).toBeCloseTo(200 / 210, 12);
    expect(s[2]).toBeCloseTo(183 / 185, 12);
  });

  it('estimates the grade-1 intake ratio from births six years earlier', () => {
    // (100 + 110 + 120) / (births 2015 + 2016 + 2017 = 125 + 125 + 150) = 330 / 400 = 0.825
    expect(estimateIntakeRatio(history, births)).toBeCloseTo(0.825, 12);
    expect(estimateIntakeRatio(history, {})).toBeNull();
  });

  it('projects two years by hand', () => {
    const ratio = 330 / 400;
    const f = forecastCohorts({
      history,
      grades: [1, 2, 3],
      horizon: 2,
      entry: (year) => birthsFor(births, year - 6)!.births * ratio,
    });
    expect(f.baseYear).toBe(2023);
    expect(f.years[0].counts).toEqual({ 1: 120, 2: 105, 3: 95 });
    // 2024: g1 = round(births 2018 160 × 0.825 = 132) = 132; g2 = round(120 × 200/210 = 114.29) = 114;
    //       g3 = round(105 × 183/185 = 103.86) = 104
    expect(f.years[1]).toEqual({ year: 2024, counts: { 1: 132, 2: 114, 3: 104 } });
    // 2025: births 2019 not entered → held at 160 → g1 = 132; g2 = round(132 × 0.95238 = 125.71) = 126;
    //       g3 = round(114 × 0.98919 = 112.77) = 113
    expect(f.years[2]).toEqual({ year: 2025, counts: { 1: 132, 2: 126, 3: 113 } });
    expect(birthsFor(births, 2019)).toEqual({ births: 160, extrapolated: true });
    // Classes under the primary cap of 35: ⌈132/35⌉ = 4, ⌈126/35⌉ = 4, ⌈113/35⌉ = 4 → 12 classes;
    // Circular 20/2023 norm: 12 × 1.5 = 18 teachers + 1 Đội teacher = 19.
    const classes = classesByGrade(f.years[2].counts);
    expect(classes).toEqual({ 1: 4, 2: 4, 3: 4 });
    expect(normTeachers('TH', 12)).toEqual({ byClass: 18, doi: 1, total: 19 });
  });

  it('uses survival overrides and the entry function as given', () => {
    const f = forecastCohorts({
      history,
      grades: [1, 2, 3],
      horizon: 1,
      entry: () => 50,
      survival: { 1: 0.5 },
    });
    // g2 = round(120 × 0.5) = 60
    expect(f.years[1].counts).toEqual({ 1: 50, 2: 60, 3: 104 });
  });
});

describe('staffing (worked example, THCS)', () => {
  it('computes the need per subject group from periods per week and the 19-period load', () => {
    // Classes: grade 6: 2, grade 7: 2, grade 8: 3 → 7 classes.
    const lines = staffingBySubject(
      { 6: 2, 7: 2, 8: 3 },
      { THCS_TIN_HOC: 1, THCS_NGOAI_NGU_1: 1, THCS_TOAN: 3 },
    );
    const by = (code: string) => lines.find((l) => l.group.code === code)!;
    // Tin học: 35 periods/year = 1 per week × 7 classes = 7 periods / 19 = 0.368 FTE → 1 needed, 1 on staff → 0
    expect(by('THCS_TIN_HOC')).toMatchObject({ fte: 0.37, needed: 1, current: 1, balance: 0 });
    // Tiếng Anh: 105/35 = 3 per week × 7 = 21 / 19 = 1.105 FTE → 2 needed, 1 on staff → shortage 1
    expect(by('THCS_TIENG_ANH')).toMatchObject({ fte: 1.11, needed: 2, current: 1, balance: -1 });
    // Toán: 140/35 = 4 × 7 = 28 / 19 = 1.474 → 2 needed, 3 on staff → surplus 1
    expect(by('THCS_TOAN')).toMatchObject({ fte: 1.47, needed: 2, current: 3, balance: 1 });
    // Nghệ thuật (Music within arts): 70/35 = 2 × 7 = 14 / 19 = 0.737 → 1 needed, none → shortage 1
    expect(by('THCS_NGHE_THUAT')).toMatchObject({ fte: 0.74, needed: 1, current: 0, balance: -1 });
    // Công nghệ: (2+2)×1 + 3×52/35 = 4 + 4.457 = 8.457 periods / 19 = 0.445 → 1
    expect(by('THCS_CONG_NGHE')).toMatchObject({ fte: 0.45, needed: 1 });
    expect(by('THCS_CHUNG').balance).toBeNull();
    // Norm: 7 × 1.90 = 13.3 + 1 Đội = 14.3
    expect(normTeachers('THCS', 7)).toEqual({ byClass: 13.3, doi: 1, total: 14.3 });
    expect(lines.every((l) => l.group.level === 'THCS')).toBe(true);
  });

  it('names English, IT and Music groups at every level taught', () => {
    for (const level of ['TH', 'THCS'] as const) {
      const highlights = STAFFING_GROUPS.filter((x) => x.level === level).map((x) => x.highlight);
      expect(highlights).toEqual(expect.arrayContaining(['english', 'it', 'music']));
    }
  });

  it('caps classes at 35 in primary and 45 in secondary', () => {
    expect(classesByGrade({ 1: 35, 2: 36, 6: 45, 7: 46, 10: 90 })).toEqual({ 1: 1, 2: 2, 6: 1, 7: 2, 10: 2 });
    expect(classesByGrade({ 1: 36 }, { TH: 40, THCS: 45, THPT: 45 })).toEqual({ 1: 1 });
  });
});

const arbHistory = fc
  .array(fc.array(fc.nat(400), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 })
  .map((rows) =>
    rows.map((r, i) => ({ year: 2015 + i, counts: Object.fromEntries(r.map((n, k) => [k + 1, n])) })),
  );

describe('forecast properties', () => {
  it('never projects a negative or fractional number of students', () => {
    fc.assert(
      fc.property(
        arbHistory,
        fc.integer({ min: -100, max: 500 }),
        fc.integer({ min: 0, max: 10 }),
        (h, e, k) => {
          const f = forecastCohorts({ history: h, grades: [1, 2, 3, 4, 5], horizon: k, entry: () => e });
          expect(f.years).toHaveLength(k + 1);
          for (const y of f.years)
            for (const n of Object.values(y.counts)) expect(Number.isInteger(n) && n >= 0).toBe(true);
        },
      ),
    );
  });

  it('zero survival and zero entry empty the school once the cohorts have passed', () => {
    fc.assert(
      fc.property(arbHistory, (h) => {
        const f = forecastCohorts({
          history: h,
          grades: [1, 2, 3, 4, 5],
          horizon: 5,
          entry: () => 0,
          survival: { 1: 0, 2: 0, 3: 0, 4: 0 },
        });
        for (const y of f.years.slice(1)) expect(totalStudents(y.counts)).toBe(0);
      }),
    );
  });

  it('with survival 1 a cohort moves up unchanged', () => {
    fc.assert(
      fc.property(arbHistory, fc.nat(300), (h, e) => {
        const f = forecastCohorts({
          history: h,
          grades: [1, 2, 3, 4, 5],
          horizon: 4,
          entry: () => e,
          survival: { 1: 1, 2: 1, 3: 1, 4: 1 },
        });
        const base = f.years[0].counts;
        expect(f.years[4].counts[5]).toBe(base[1]);
      }),
    );
  });

  it('classes hold every student within the cap, with no spare class', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 60 }), (n, cap) => {
        const c = classesNeeded(n, cap);
        expect(c * cap).toBeGreaterThanOrEqual(n);
        if (c > 0) expect((c - 1) * cap).toBeLessThan(n);
      }),
    );
  });
});
