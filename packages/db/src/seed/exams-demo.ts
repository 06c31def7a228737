import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable, Tx } from '../client';
import {
  classes,
  examAnswers,
  examAttempts,
  examPapers,
  exams,
  examTargets,
  students,
  units,
  users,
} from '../schema';
import { LAI_CHAU_PILOT } from './pilot';
import { createRandom, nameUuid } from './random';

/**
 * The online-exam demo: two finished city-wide exams of the Phòng GD&ĐT (Toán 6 giữa kì I for every grade-6
 * pilot class, KHTN 8 cuối kì I for every grade-8 class) with graded, released results for the pilot students,
 * and one open exam (Tiếng Anh 6, 15 minutes, class 6A1 of THCS Quyết Tiến) that hocsinh.qt can take now.
 *
 * Responses are simulated under the Rasch model (seeded: the same rows every run): each student's ability by
 * school and class, each item's difficulty by cognitive level; wrong choices favour a plausible distractor.
 * Scoring and papers come from the server through `rules` (the database package does not depend on the
 * domain package). The analysis rollups are computed by the exams module after this seed.
 */

export type DemoPaperQuestion = {
  id: string;
  number: number;
  position: number;
  points: number;
  topic: string;
  level: string;
  body: { type: string; content: Record<string, unknown>; key: Record<string, unknown> };
};
export type DemoPaperVersion = { code: string; questions: DemoPaperQuestion[]; maxScore: number };
export type ExamsDemoRules = {
  /** Every version of a bank test, with keys. */
  versions: (testSchoolId: string, testId: string) => Promise<DemoPaperVersion[]>;
  /** Score of an objective answer (the bank's grader). */
  score: (q: DemoPaperQuestion, answer: Record<string, unknown>) => number;
};
export type SeedExamsDemoOptions = {
  rules: ExamsDemoRules;
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  now?: Date;
};
export type SeedExamsDemoResult = {
  skipped: boolean;
  finishedExamIds: string[];
  attempts: number;
  openExamId: string | null;
};

export const DEMO_EXAM_IDS = {
  toan6: nameUuid('exam-demo:toan6-gk1'),
  khtn8: nameUuid('exam-demo:khtn8-ck1'),
  anh6: nameUuid('exam-demo:anh6-15p'),
};
const LEVEL_B: Record<string, number> = { NB: -1.3, TH: -0.3, VD: 0.7, VDC: 1.6 };

export async function seedExamsDemo(
  db: Queryable,
  options: SeedExamsDemoOptions,
): Promise<SeedExamsDemoResult> {
  const { rules } = options;
  const now = options.now ?? new Date();
  const none: SeedExamsDemoResult = { skipped: true, finishedExamIds: [], attempts: 0, openExamId: null };
  const [existing] = await db.select({ id: exams.id }).from(exams).where(eq(exams.id, DEMO_EXAM_IDS.toan6));
  if (existing) return none;
  const [phong] = await db
    .select({ id: units.id })
    .from(units)
    .where(eq(units.code, LAI_CHAU_PILOT.districtDepartmentCode));
  if (!phong) return none;
  const testId = (key: string) => nameUuid(`qb-demo-test:${key}`);
  // Papers first (outside the transaction: the rules read the bank through the server's own connection).
  const papers = {
    toan6: await rules.versions(phong.id, testId('toan6-gk1')),
    khtn8: await rules.versions(phong.id, testId('khtn8-ck1')),
  };
  if (!papers.toan6.length || !papers.khtn8.length) return none;
  const schoolRows = await db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(inArray(units.code, ['LCU-TP-QT', 'LCU-TP-TP']));
  const qt = schoolRows.find((s) => s.code === 'LCU-TP-QT')?.id;
  if (!qt) return none;
  const classRows = await db
    .select({ id: classes.id, schoolId: classes.schoolId, name: classes.name, grade: classes.grade })
    .from(classes)
    .where(
      inArray(
        classes.schoolId,
        schoolRows.map((s) => s.id),
      ),
    );
  const grade = (g: number) => classRows.filter((c) => c.grade === g);
  const studentRows = await db
    .select({ id: students.id, schoolId: students.schoolId, classId: students.currentClassId })
    .from(students)
    .where(
      and(
        inArray(
          students.schoolId,
          schoolRows.map((s) => s.id),
        ),
        eq(students.status, 'studying'),
      ),
    );
  const [teacher] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'giaovien.qt'));
  const [specialist] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, 'chuyenvien.phong'));
  const random = createRandom(20241106);
  const schoolEffect = new Map(schoolRows.map((s) => [s.id, s.code === 'LCU-TP-QT' ? 0.25 : -0.15]));
  const classEffect = new Map(classRows.map((c) => [c.id, (random.next() - 0.5) * 0.6]));
  const normal = () => {
    const u = Math.max(random.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
  };
  const ability = new Map(
    studentRows.map((s) => [
      s.id,
      normal() + (schoolEffect.get(s.schoolId) ?? 0) + (classEffect.get(s.classId ?? '') ?? 0) + 0.4,
    ]),
  );
  const itemB = new Map<string, number>();
  const bOf = (q: DemoPaperQuestion) => {
    let b = itemB.get(q.id);
    if (b === undefined) {
      b = (LEVEL_B[q.level] ?? 0) + (random.next() - 0.5) * 0.8;
      itemB.set(q.id, b);
    }
    return b;
  };
  const p = (theta: number, b: number) => 1 / (1 + Math.exp(b - theta));

  type Plan = {
    id: string;
    key: 'toan6' | 'khtn8';
    title: string;
    subjectCode: string;
    opensAt: Date;
    closesAt: Date;
    minutes: number;
    releasedAt: Date;
    classes: typeof classRows;
  };
  const plans: Plan[] = [
    {
      id: DEMO_EXAM_IDS.toan6,
      key: 'toan6',
      title: 'Kiểm tra giữa học kì I – Toán 6 (đề chung thành phố, trực tuyến)',
      subjectCode: 'THCS_TOAN',
      opensAt: new Date('2024-11-06T00:30:00Z'),
      closesAt: new Date('2024-11-06T03:30:00Z'),
      minutes: 90,
      releasedAt: new Date('2024-11-11T01:00:00Z'),
      classes: grade(6),
    },
    {
      id: DEMO_EXAM_IDS.khtn8,
      key: 'khtn8',
      title: 'Kiểm tra cuối học kì I – Khoa học tự nhiên 8 (đề chung thành phố, trực tuyến)',
      subjectCode: 'THCS_KHTN',
      opensAt: new Date('2024-12-18T01:00:00Z'),
      closesAt: new Date('2024-12-18T03:00:00Z'),
      minutes: 60,
      releasedAt: new Date('2024-12-23T01:00:00Z'),
      classes: grade(8),
    },
  ];

  const attempts: (typeof examAttempts.$inferInsert)[] = [];
  const answers: (typeof examAnswers.$inferInsert)[] = [];
  for (const plan of plans) {
    const versions = papers[plan.key];
    const classIds = new Set(plan.classes.map((c) => c.id));
    const takers = studentRows.filter((s) => s.classId && classIds.has(s.classId));
    takers.forEach((s, i) => {
      if (random.chance(0.03)) return; // absent (vắng thi)
      const version = versions[i % versions.length];
      const theta = ability.get(s.id) ?? 0;
      const startedAt = new Date(plan.opensAt.getTime() + random.int(0, 10) * 60_000);
      const deadline = new Date(
        Math.min(startedAt.getTime() + plan.minutes * 60_000, plan.closesAt.getTime()),
      );
      const auto = random.chance(0.05);
      const submittedAt = auto
        ? deadline
        : new Date(
            startedAt.getTime() + random.int(Math.round(plan.minutes * 0.6), plan.minutes - 1) * 60_000,
          );
      const attemptId = nameUuid(`exam-demo-attempt:${plan.id}:${s.id}`);
      let raw = 0;
      version.questions.forEach((q, k) => {
        const pr = p(theta, bOf(q));
        const answer = simulateAnswer(q, pr, random);
        if (answer === null) return;
        let score: number;
        let rubricPoints: number[] | null = null;
        if (q.body.type === 'essay') {
          const rubric = (q.body.content.rubric as { points: number }[] | undefined) ?? [];
          rubricPoints = rubric.map((r) =>
            Math.max(
              0,
              Math.min(r.points, Math.round((pr + (random.next() - 0.5) * 0.4) * r.points * 4) / 4),
            ),
          );
          const total = rubric.reduce((a, r) => a + r.points, 0);
          score = total > 0 ? (rubricPoints.reduce((a, b) => a + b, 0) * q.points) / total : 0;
        } else score = rules.score(q, answer);
        score = Math.round(score * 10000) / 10000;
        raw += score;
        answers.push({
          schoolId: s.schoolId,
          attemptId,
          questionId: q.id,
          answer,
          seq: 1 + random.int(0, 2),
          savedAt: new Date(
            startedAt.getTime() +
              Math.round(
                ((k + 1) / version.questions.length) * (submittedAt.getTime() - startedAt.getTime()),
              ),
          ),
          score,
          rubricPoints,
          comment: rubricPoints ? null : null,
          gradedBy: rubricPoints ? (teacher?.id ?? null) : null,
          gradedAt: rubricPoints ? new Date(plan.closesAt.getTime() + 86_400_000) : null,
        });
      });
      attempts.push({
        schoolId: s.schoolId,
        id: attemptId,
        examId: plan.id,
        studentId: s.id,
        classId: s.classId,
        versionCode: version.code,
        questionIds: version.questions.map((q) => q.id),
        startedAt,
        deadline,
        lastSeenAt: submittedAt,
        submittedAt,
        status: auto ? 'auto_submitted' : 'submitted',
        gradingStatus: 'graded',
        rawScore: Math.round(raw * 100) / 100,
        maxScore: version.maxScore,
        score10: version.maxScore > 0 ? Math.round((raw / version.maxScore) * 1000) / 100 : 0,
        focusLosses: random.chance(0.1) ? random.int(1, 3) : 0,
        offlineEvents: random.chance(0.05) ? 1 : 0,
      });
    });
  }

  const anhTest = testId('anh6-15p');
  const qt6a1 = classRows.find((c) => c.schoolId === qt && c.name === '6A1');
  const transaction: NonNullable<SeedExamsDemoOptions['transaction']> =
    options.transaction ?? ((fn) => db.transaction(fn));
  await transaction(async (tx) => {
    for (const plan of plans) {
      await tx.insert(exams).values({
        id: plan.id,
        ownerUnitId: phong.id,
        testSchoolId: phong.id,
        testId: testId(plan.key === 'toan6' ? 'toan6-gk1' : 'khtn8-ck1'),
        title: plan.title,
        subjectCode: plan.subjectCode,
        opensAt: plan.opensAt,
        closesAt: plan.closesAt,
        durationMinutes: plan.minutes,
        releasedAt: plan.releasedAt,
        releasedBy: specialist?.id ?? null,
        createdBy: specialist?.id ?? null,
        createdAt: new Date(plan.opensAt.getTime() - 7 * 86_400_000),
        updatedAt: plan.releasedAt,
      });
      await tx
        .insert(examTargets)
        .values(
          plan.classes.map((c) => ({ examId: plan.id, targetId: c.id, kind: 'class', unitId: c.schoolId })),
        );
      await tx.insert(examPapers).values(
        papers[plan.key].map((v) => ({
          examId: plan.id,
          versionCode: v.code,
          questions: v.questions,
          maxScore: v.maxScore,
          frozenAt: plan.opensAt,
        })),
      );
    }
    if (qt6a1) {
      await tx.insert(exams).values({
        id: DEMO_EXAM_IDS.anh6,
        ownerUnitId: qt,
        testSchoolId: phong.id,
        testId: anhTest,
        title: 'Kiểm tra 15 phút – Tiếng Anh 6 (lớp 6A1, trực tuyến)',
        subjectCode: 'THCS_NGOAI_NGU_1',
        opensAt: new Date(now.getTime() - 3_600_000),
        closesAt: new Date(now.getTime() + 7 * 86_400_000),
        durationMinutes: 15,
        createdBy: teacher?.id ?? null,
      });
      await tx
        .insert(examTargets)
        .values({ examId: DEMO_EXAM_IDS.anh6, targetId: qt6a1.id, kind: 'class', unitId: qt });
    }
    for (let i = 0; i < attempts.length; i += 500)
      await tx.insert(examAttempts).values(attempts.slice(i, i + 500));
    for (let i = 0; i < answers.length; i += 1000)
      await tx.insert(examAnswers).values(answers.slice(i, i + 1000));
  });
  return {
    skipped: false,
    finishedExamIds: plans.map((p) => p.id),
    attempts: attempts.length,
    openExamId: qt6a1 ? DEMO_EXAM_IDS.anh6 : null,
  };
}

/** A plausible answer given the chance of success; null for a blank (3 %). */
function simulateAnswer(
  q: DemoPaperQuestion,
  pr: number,
  random: ReturnType<typeof createRandom>,
): Record<string, unknown> | null {
  if (random.chance(0.03)) return null;
  const right = random.chance(pr);
  const { content, key } = q.body;
  switch (q.body.type) {
    case 'single': {
      const options = (content.options as { id: string }[]).map((o) => o.id);
      if (right) return { optionId: key.optionId };
      const wrong = options.filter((o) => o !== key.optionId);
      // The first wrong option (in the bank's order) is the attractive distractor.
      return { optionId: random.weighted(wrong.map((o, i) => [o, i === 0 ? 3 : 1] as const)) };
    }
    case 'multiple': {
      const correct = key.optionIds as string[];
      return { optionIds: right ? correct : correct.slice(0, Math.max(1, correct.length - 1)) };
    }
    case 'true_false': {
      const values = key.values as Record<string, boolean>;
      return {
        values: Object.fromEntries(
          Object.entries(values).map(([id, v]) => [id, random.chance(0.35 + 0.65 * pr) ? v : !v]),
        ),
      };
    }
    case 'short_answer': {
      const v = key.value as number;
      return { text: String(right ? v : v + random.pick([1, -1, 2, 10])).replace('.', ',') };
    }
    case 'fill_blank': {
      const blanks = key.blanks as Record<string, string[]>;
      return {
        blanks: Object.fromEntries(Object.entries(blanks).map(([id, acc]) => [id, right ? acc[0] : '…'])),
      };
    }
    case 'matching': {
      const pairs = key.pairs as Record<string, string>;
      return { pairs: right ? pairs : {} };
    }
    case 'essay':
      return { text: right ? 'Bài làm đầy đủ các bước, lập luận chặt chẽ.' : 'Bài làm còn thiếu bước.' };
    default:
      return null;
  }
}
