import type { Database } from '@smartedu/db';
import { createForecastsRepository } from './forecasts.repository';

/**
 * Demo inputs of the forecast for Lai Châu city: the registry rollup of 2024-2025, then plausible per-grade
 * counts of the five previous years (and of the 2024-2025 grades the demo registry does not hold: it has only
 * the pilot classes), entered as 'reported'; and births per ward 2013-2024 entered by the Phòng.
 * Deterministic; does nothing when reported years exist already.
 */
const CURRENT = 2024;
const PAST_YEARS = 5;
/** 2024-2025 counts for the grades without classes in the demo registry. */
const FILL_2024: Record<string, Record<number, number>> = {
  'LCU-TP-TH1': { 1: 42, 2: 41, 3: 40, 4: 40, 5: 40 },
  'LCU-TP-TH2': { 1: 45, 2: 43, 3: 40, 4: 40, 5: 40 },
  'LCU-TP-QT': { 6: 80, 7: 80, 8: 127, 9: 120 },
  'LCU-TP-TP': { 6: 90, 7: 100, 8: 95, 9: 92 },
  'LCU-TP-DK': { 6: 120, 7: 118, 8: 115, 9: 110 },
};
const GRADES: Record<string, number[]> = { TH: [1, 2, 3, 4, 5], THCS: [6, 7, 8, 9] };
const WARDS: [string, number][] = [
  ['Phường Quyết Thắng', 180],
  ['Phường Đông Phong', 160],
  ['Phường Quyết Tiến', 170],
  ['Phường Tân Phong', 150],
  ['Phường Đoàn Kết', 140],
  ['Xã San Thành', 60],
  ['Xã Sùng Phài', 70],
];

export async function seedForecastsDemoData(database: Database) {
  const repo = createForecastsRepository(database.db);
  if (await repo.hasReported()) return { seeded: false };
  const phong = await repo.unitByCode('LCU-TP');
  if (!phong) return { seeded: false };
  const schools = await repo.schoolsUnder(phong.path);
  await database.transaction(async (tx) => {
    const r = createForecastsRepository(tx);
    await r.rollupFromRegistry(schools.map((s) => s.id));
    const registry = await r.snapshots(schools.map((s) => s.id));
    for (const school of schools) {
      const fill = FILL_2024[school.code];
      const grades = GRADES[school.schoolLevel ?? ''];
      if (!fill || !grades) continue;
      const now: Record<number, number> = { ...fill };
      for (const row of registry)
        if (row.schoolId === school.id && row.year === CURRENT) now[row.grade] = row.students;
      const top = grades[grades.length - 1];
      const rows: { year: number; grade: number; students: number }[] = [];
      for (const g of grades)
        if (!registry.some((x) => x.schoolId === school.id && x.year === CURRENT && x.grade === g))
          rows.push({ year: CURRENT, grade: g, students: now[g] });
      for (let k = 1; k <= PAST_YEARS; k++) {
        for (const g of grades) {
          // The cohort in grade g in 2024−k is in grade g+k now (about 1.5% lost a year); an older cohort left
          // already: a slightly smaller intake the further back (the city grows).
          const students =
            g + k <= top
              ? Math.round(now[g + k] / 0.985 ** k)
              : Math.round(now[g] * (1 - 0.025 * k) + ((g * 7 + k * 3) % 5) - 2);
          rows.push({ year: CURRENT - k, grade: g, students });
        }
      }
      await r.upsertReported(school.id, rows);
    }
    const births = WARDS.flatMap(([commune, base], w) =>
      Array.from({ length: 12 }, (_, i) => ({
        commune,
        birthYear: 2013 + i,
        births: Math.round(base * (1 + 0.015 * i) + (((w + 1) * (i + 3)) % 7) - 3),
      })),
    );
    await r.upsertBirths(phong.id, births);
  });
  return { seeded: true };
}
