import {
  analyseItems,
  calibrateRasch,
  cronbachAlpha,
  type Dichotomous,
  describeScores,
  estimateAbility,
  histogram10,
  kr20,
  LEVEL_DIFFICULTY,
  masteryByGroup,
  OPTION_LETTERS,
  type PracticeCandidate,
  suggestPractice,
} from '@smartedu/domain';
import type { PaperQuestion, PaperVersion } from './exams.paper';

/**
 * Builds the analysis rollups of one exam from its finished attempts: phổ điểm per class, school and department,
 * item analysis (classical + Rasch) over all versions, reliability, and each student's mastery with practice
 * suggestions. Pure: the service loads the inputs and writes the outputs.
 */

export type AnalysisInput = {
  /** The owner unit's path: departments are rolled up only within it (a school's exam has none). */
  ownerPath: string;
  versions: PaperVersion[];
  attempts: {
    schoolId: string;
    id: string;
    studentId: string;
    classId: string | null;
    versionCode: string;
    score10: number | null;
  }[];
  answers: { attemptId: string; questionId: string; answer: unknown; score: number | null }[];
  classes: Map<string, string>;
  /** Schools and departments by id, with their path. */
  units: Map<string, { name: string; kind: string; path: string }>;
  practicePool: (PracticeCandidate & { stem: string })[];
};

export type AnalysisOutput = ReturnType<typeof buildAnalysis>;

const DEPARTMENT_KINDS = new Set(['province_department', 'district_department']);
const isDepartmentWithin = (u: { kind: string; path: string } | undefined, ownerPath: string) =>
  u !== undefined && DEPARTMENT_KINDS.has(u.kind) && u.path.startsWith(ownerPath);

/** Canonical items: every question of every version, by its position in the test. */
function canonicalItems(versions: PaperVersion[]): PaperQuestion[] {
  const byId = new Map<string, PaperQuestion>();
  for (const v of [...versions].sort((a, b) => a.code.localeCompare(b.code)))
    for (const q of v.questions) if (!byId.has(q.id)) byId.set(q.id, q);
  return [...byId.values()].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

export function buildAnalysis(input: AnalysisInput) {
  const items = canonicalItems(input.versions);
  const col = new Map(items.map((q, j) => [q.id, j]));
  const versionIds = new Map(input.versions.map((v) => [v.code, new Set(v.questions.map((q) => q.id))]));
  const row = new Map(input.attempts.map((a, p) => [a.id, p]));
  // Persons × items: the item score when the item was on the person's version (0 when left blank), else null.
  const scores: (number | null)[][] = input.attempts.map((a) => {
    const on = versionIds.get(a.versionCode) ?? new Set<string>();
    return items.map((q) => (on.has(q.id) ? 0 : null));
  });
  const choices: (string | null)[][] = input.attempts.map(() => items.map(() => null));
  for (const ans of input.answers) {
    const p = row.get(ans.attemptId);
    const j = col.get(ans.questionId);
    if (p === undefined || j === undefined || scores[p][j] === null) continue;
    scores[p][j] = ans.score ?? 0;
    const a = ans.answer as { optionId?: unknown } | null;
    if (items[j].body.type === 'single' && a && typeof a.optionId === 'string') choices[p][j] = a.optionId;
  }
  const options = items.map((q) =>
    q.body.type === 'single'
      ? { ids: q.body.content.options.map((o) => o.id), key: q.body.key.optionId }
      : undefined,
  );
  const stats = analyseItems({
    itemIds: items.map((q) => q.id),
    maxScores: items.map((q) => q.points),
    scores,
    choices,
    options,
  });
  // Rasch on dichotomised scores: at least half the points counts as right.
  const dich: Dichotomous[][] = scores.map((r) =>
    r.map((x, j) => (x === null ? null : dichOf(x / (items[j].points || 1)))),
  );
  const rasch = input.attempts.length >= 2 && items.length >= 2 ? calibrateRasch(dich) : null;
  const allDichotomous = scores.every((r) =>
    r.every((x, j) => x === null || x === 0 || x === items[j].points),
  );
  const unitScores = scores.map((r) => r.map((x, j) => (x === null ? null : x / (items[j].points || 1))));

  const itemRows = items.map((q, j) => {
    const s = stats[j];
    const opt = q.body.type === 'single' ? q.body.content.options : null;
    return {
      questionId: q.id,
      number: j + 1,
      topic: q.topic,
      level: q.level,
      type: q.body.type,
      maxScore: q.points,
      n: s.n,
      difficulty: s.difficulty,
      pointBiserial: s.pointBiserial,
      correctedPointBiserial: s.correctedPointBiserial,
      upperLower: s.upperLower,
      raschDifficulty: rasch?.difficulties[j] ?? null,
      raschSe: finiteOrNull(rasch?.itemSe[j]),
      infit: rasch?.infit[j] ?? null,
      outfit: rasch?.outfit[j] ?? null,
      flags: s.flags as string[],
      distractors: s.distractors
        ? s.distractors.map((d) => {
            const idx = opt ? opt.findIndex((o) => o.id === d.optionId) : -1;
            return {
              ...d,
              letter: d.optionId === null ? '—' : (OPTION_LETTERS[idx] ?? d.optionId),
              text: idx >= 0 && opt ? opt[idx].text.slice(0, 120) : '',
            };
          })
        : null,
    };
  });

  // Phổ điểm per class, school and department (every department above a participating school).
  const groups = new Map<
    string,
    { kind: 'class' | 'school' | 'department'; schoolId: string | null; scores: number[] }
  >();
  const add = (
    unitId: string,
    kind: 'class' | 'school' | 'department',
    schoolId: string | null,
    s: number,
  ) => {
    const g = groups.get(unitId) ?? { kind, schoolId, scores: [] };
    g.scores.push(s);
    groups.set(unitId, g);
  };
  for (const a of input.attempts) {
    if (a.score10 === null) continue;
    if (a.classId) add(a.classId, 'class', a.schoolId, a.score10);
    add(a.schoolId, 'school', a.schoolId, a.score10);
    const path = input.units.get(a.schoolId)?.path ?? '';
    for (const id of path.split('/').filter(Boolean))
      if (id !== a.schoolId && isDepartmentWithin(input.units.get(id), input.ownerPath))
        add(id, 'department', null, a.score10);
  }
  const rollups = [...groups].map(([unitId, g]) => ({
    unitId,
    unitKind: g.kind,
    schoolId: g.schoolId,
    name: (g.kind === 'class' ? input.classes.get(unitId) : input.units.get(unitId)?.name) ?? unitId,
    summary: describeScores(g.scores),
    bins: histogram10(g.scores, 0.25).map((b) => b.count),
  }));

  // Mastery by topic and level from the Rasch calibration, with practice for weak topics. Items the calibration
  // could not place (extreme, or too few students) take the difficulty assumed for their cognitive level.
  const examQuestionIds = new Set(items.map((q) => q.id));
  const stems = new Map(input.practicePool.map((q) => [q.id, q.stem]));
  const bOf = items.map((q, j) => rasch?.difficulties[j] ?? LEVEL_DIFFICULTY[q.level] ?? 0);
  const mastery = input.attempts.flatMap((a, p) => {
    const responses = items.flatMap((q, j) => {
      const x = unitScores[p][j];
      return x === null
        ? []
        : [{ itemId: q.id, topic: q.topic, level: q.level, difficulty: bOf[j], score: x }];
    });
    if (!responses.length) return [];
    const theta =
      rasch?.abilities[p] ??
      estimateAbility(
        responses.map((r, k) => ({ difficulty: r.difficulty, score: dichOf(responses[k].score) })),
      ).theta;
    const byTopic = masteryByGroup(responses, (r) => r.topic, { overallTheta: theta });
    const byLevel = masteryByGroup(responses, (r) => r.level, { overallTheta: theta });
    const suggestions = suggestPractice(byTopic, input.practicePool, { exclude: examQuestionIds }).map(
      (s) => ({
        topic: s.topic,
        band: s.band,
        questions: s.questions.map((q) => ({
          id: q.id,
          level: q.level,
          stem: (stems.get(q.id) ?? '').slice(0, 300),
          expected: q.expected,
        })),
      }),
    );
    const slim = (list: typeof byTopic) =>
      list.map((g) => ({
        key: g.key,
        items: g.items,
        observed: g.observed,
        theta: g.theta,
        mastery: g.mastery,
        band: g.band,
      }));
    return [
      {
        schoolId: a.schoolId,
        studentId: a.studentId,
        theta,
        byTopic: slim(byTopic),
        byLevel: slim(byLevel),
        suggestions,
      },
    ];
  });

  return {
    analysis: {
      participants: input.attempts.length,
      // KR-20 on 0/1 items (each either full or no credit); alpha on the points as scored.
      kr20: allDichotomous ? kr20(unitScores) : null,
      alpha: cronbachAlpha(scores),
      raschIterations: rasch?.iterations ?? null,
      raschConverged: rasch?.converged ?? null,
    },
    rollups,
    items: itemRows,
    mastery,
  };
}

const dichOf = (x: number) => (x >= 0.5 - 1e-9 && x > 0 ? 1 : 0);
const finiteOrNull = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;
