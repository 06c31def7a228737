import type { ScoreComparison, ScoreComparisonQuery } from '@smartedu/contracts';
import { compareScores, rebin, type ScoreGroup } from '@smartedu/domain';
import { AppError, forbidden, notFound } from '../../errors';
import type { Actor } from '../access';
import type { StatisticsDeps } from './statistics.deps';
import { createStatisticsRepository } from './statistics.repository';

const BIN_LABELS = Array.from({ length: 10 }, (_, i) => (i === 9 ? '9–10' : `${i}–<${i + 1}`));
const PERIOD_LABEL = { term1: 'Học kì I', term2: 'Học kì II', year: 'Cả năm' } as const;

/**
 * So sánh phổ điểm giữa các trường (seed 004 §1): per subject and school, the distribution, the mean and the
 * gap to the mean of the city (the department the schools belong to). Read from rollups only: the gradebook's
 * per-student subject results and the exams' per-school score rollups, aggregated by the database.
 */
export function createScoresService(deps: Pick<StatisticsDeps, 'database' | 'access'>) {
  const { database, access } = deps;
  const repo = createStatisticsRepository(database.db);

  return {
    async compare(actor: Actor, q: ScoreComparisonQuery): Promise<ScoreComparison> {
      let unitId = q.unitId;
      if (!unitId) {
        const scope = await access.scope(actor, 'operations.read');
        const widest = [...scope.subtrees].sort((a, b) => a.length - b.length)[0];
        if (!widest) throw forbidden();
        unitId = widest.split('/').filter(Boolean).at(-1)!;
      }
      const unit = await repo.unit(unitId);
      if (!unit) throw notFound('đơn vị');
      await access.require(actor, 'operations.read', { schoolId: unit.id, schoolPath: unit.path });
      // A school is compared with the department above it; a department with itself.
      const reference = unit.kind === 'school' && unit.parentId ? await repo.unit(unit.parentId) : unit;
      if (!reference) throw notFound('đơn vị');
      const allSchools = await repo.schoolsUnder(reference.path);
      const shown = allSchools.filter((s) => s.path.startsWith(unit.path));
      const ids = allSchools.map((s) => s.id);
      const exams = await repo.examsWithRollups(ids);

      const groups: ScoreGroup[] = [];
      let title: string;
      let examId: string | null = null;
      if (q.source === 'gradebook') {
        const year = q.schoolYearId ? { id: q.schoolYearId, name: '' } : await repo.currentSchoolYear();
        if (!year) throw new AppError('BAD_REQUEST', 'Chưa có năm học hiện tại');
        const rows = await repo.gradebookGroups(ids, year.id, q.period);
        const key = (r: { schoolId: string; subject: string; level: string }) =>
          `${r.schoolId}|${r.level} · ${r.subject}`;
        const bySchoolSubject = new Map<string, ScoreGroup>();
        for (const r of rows) {
          const k = key(r);
          const g = bySchoolSubject.get(k) ?? {
            schoolId: r.schoolId,
            subject: `${r.subject} (${r.level})`,
            count: 0,
            sum: 0,
            bins: Array.from({ length: 10 }, () => 0),
          };
          g.count += r.count;
          g.sum += r.sum;
          g.bins[r.bin] += r.count;
          bySchoolSubject.set(k, g);
        }
        groups.push(...bySchoolSubject.values());
        title = `Kết quả học tập (sổ điểm) — ${PERIOD_LABEL[q.period]}${year.name ? ` ${year.name}` : ''}`;
      } else {
        examId = q.examId ?? exams[0]?.id ?? null;
        if (q.examId && !exams.some((e) => e.id === q.examId))
          throw notFound('kỳ thi có kết quả của các trường');
        const exam = examId ? await repo.exam(examId) : null;
        title = exam ? `Kỳ thi: ${exam.title}` : 'Chưa có kỳ thi có kết quả';
        if (exam)
          for (const r of await repo.examSchoolRollups(exam.id, ids)) {
            const summary = r.summary as { count: number; mean: number | null };
            if (!r.schoolId || !summary.count) continue;
            groups.push({
              schoolId: r.schoolId,
              subject: exam.title,
              count: summary.count,
              sum: (summary.mean ?? 0) * summary.count,
              bins: rebin(r.bins, r.bins.length / 10),
            });
          }
      }
      const cmp = compareScores(groups);
      const nameOf = new Map(allSchools.map((s) => [s.id, s.name]));
      const order = new Map(allSchools.map((s, i) => [s.id, i]));
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind },
        reference: { id: reference.id, name: reference.name },
        source: q.source,
        title,
        binLabels: BIN_LABELS,
        exams: exams.map(({ id, title, closesAt }) => ({ id, title, closesAt })),
        examId,
        subjects: cmp.subjects
          .sort((a, b) => a.subject.localeCompare(b.subject, 'vi'))
          .map((s) => ({
            ...s,
            schools: cmp.schools
              .filter((x) => x.subject === s.subject && shown.some((v) => v.id === x.schoolId))
              .sort((a, b) => (order.get(a.schoolId) ?? 0) - (order.get(b.schoolId) ?? 0))
              .map((x) => ({
                schoolId: x.schoolId,
                schoolName: nameOf.get(x.schoolId) ?? '',
                count: x.count,
                mean: x.mean,
                gap: x.gap,
                bins: x.bins,
              })),
          }))
          .filter((s) => s.schools.length > 0),
      };
    },
  };
}
export type ScoresService = ReturnType<typeof createScoresService>;
