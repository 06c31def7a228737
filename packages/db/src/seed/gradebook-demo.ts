import { and, asc, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../client';
import {
  classes,
  gradeEntries,
  schoolYears,
  staff,
  students,
  subjectGrades,
  subjects,
  units,
} from '../schema';
import { LAI_CHAU_PILOT } from './pilot';
import { createRandom, type Random } from './random';

/**
 * A full 2024-2025 school year in the gradebook for the Lai Châu demo's 717 students: Circular 22 scores
 * (ĐĐGtx, giữa kì, cuối kì) and Đạt/Chưa đạt results, Circular 27 levels and periodic test scores, teachers'
 * remarks, conduct and the primary qualities and competencies. Term I is approved and locked, term II is
 * published to families. Deterministic (fixed PRNG seed), idempotent (does nothing once the year has
 * entries) and fast (arrays bound through unnest, a handful of statements).
 *
 * The rules (how many regular assessments a subject has, which primary subjects have periodic tests, the
 * quality and competency codes) come from @smartedu/domain through `rules`: the database package does not
 * depend on the domain package. The computed results are written afterwards by the gradebook's compute path.
 */

export type PeriodicPoint = 'mid1' | 'end1' | 'mid2' | 'end2';
export type GradebookDemoRules = {
  /** Regular assessments per term (regularAssessmentCount of Circular 22). */
  regularCount: (kind: 'scored' | 'comment', periodsPerYear: number) => number;
  /** Periodic test points of a primary subject in a grade (periodicTestPoints of Circular 27). */
  testPoints: (subjectCode: string, grade: number) => readonly PeriodicPoint[];
  qualityCodes: readonly string[];
  competencyCodes: readonly string[];
};
export type SeedGradebookDemoOptions = {
  rules: GradebookDemoRules;
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};
export type SeedGradebookDemoResult = {
  skipped: boolean;
  schoolYearId: string | null;
  /** Schools that received entries (the compute path runs over these afterwards). */
  schoolIds: string[];
  entries: number;
  conductRatings: number;
};

const SEED = 20250531; // 31 May 2025: the end of the 2024-2025 school year

type EntryRow = {
  schoolId: string;
  studentId: string;
  subjectId: string;
  termNo: number;
  kind: string;
  slotIndex: number;
  classId: string;
  score: number | null;
  result: string | null;
  comment: string | null;
};
type ConductRow = {
  schoolId: string;
  studentId: string;
  termNo: number;
  aspect: string;
  classId: string;
  level: string;
  comment: string | null;
};

const REMARKS_GOOD = [
  'Nắm vững kiến thức, vận dụng linh hoạt; tích cực phát biểu xây dựng bài.',
  'Học tập chăm chỉ, tư duy nhanh, trình bày bài khoa học và cẩn thận.',
  'Kết quả tốt, có tinh thần tự học; cần phát huy.',
  'Tiếp thu bài nhanh, hoàn thành tốt các nhiệm vụ học tập.',
];
const REMARKS_FAIR = [
  'Nắm được kiến thức cơ bản; cần chủ động hơn trong giờ học.',
  'Có cố gắng, tiến bộ; cần rèn thêm kĩ năng trình bày.',
  'Tiếp thu bài khá; cần luyện tập thường xuyên hơn.',
  'Chăm chỉ, hợp tác tốt với bạn; cần cẩn thận hơn khi làm bài.',
];
const REMARKS_WEAK = [
  'Tiếp thu còn chậm; cần ôn lại kiến thức cơ bản và làm đủ bài tập.',
  'Cần cố gắng hơn, chú ý nghe giảng; gia đình cần nhắc nhở thêm.',
  'Còn nhiều lỗ hổng kiến thức; cần được hỗ trợ, phụ đạo thêm.',
];
const REMARKS_PRIMARY: Record<string, readonly string[]> = {
  HTT: [
    'Hoàn thành tốt nội dung học tập; tích cực, tự tin khi phát biểu.',
    'Đọc to, rõ ràng; làm bài nhanh và chính xác.',
    'Say mê học tập, biết giúp đỡ bạn bè.',
  ],
  HT: [
    'Hoàn thành nội dung học tập; cần cẩn thận hơn khi làm bài.',
    'Có tiến bộ; cần rèn chữ viết và trình bày sạch đẹp hơn.',
    'Hoàn thành bài; cần mạnh dạn hơn khi trao đổi với bạn.',
  ],
  CHT: ['Cần được hỗ trợ thêm để hoàn thành nội dung học tập.', 'Còn chậm; cần luyện đọc, viết thêm ở nhà.'],
};

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));

function normal(rng: Random): number {
  const u = Math.max(rng.next(), 1e-9);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A score from a latent level: half points for regular assessments, one decimal for periodic ones. */
function score(rng: Random, level: number, spread: number, step: number): number {
  const raw = clamp(level + normal(rng) * spread, 0, 10);
  return Math.round(Math.round(raw / step) * step * 10) / 10;
}

function remarkFor(rng: Random, level: number): string {
  return rng.pick(level >= 7.8 ? REMARKS_GOOD : level >= 5.8 ? REMARKS_FAIR : REMARKS_WEAK);
}

export async function seedGradebookDemo(
  db: Queryable,
  options: SeedGradebookDemoOptions,
): Promise<SeedGradebookDemoResult> {
  const [year] = await db
    .select({ id: schoolYears.id })
    .from(schoolYears)
    .where(eq(schoolYears.name, LAI_CHAU_PILOT.schoolYear));
  if (!year) return { skipped: true, schoolYearId: null, schoolIds: [], entries: 0, conductRatings: 0 };
  const transaction: NonNullable<SeedGradebookDemoOptions['transaction']> =
    options.transaction ?? ((fn) => db.transaction(fn));
  return transaction(async (tx) => {
    const existing = await tx
      .select({ id: gradeEntries.studentId })
      .from(gradeEntries)
      .where(eq(gradeEntries.schoolYearId, year.id))
      .limit(1);
    if (existing.length > 0)
      return { skipped: true, schoolYearId: year.id, schoolIds: [], entries: 0, conductRatings: 0 };
    return seedYear(tx, year.id, options.rules);
  });
}

async function seedYear(
  tx: Tx,
  schoolYearId: string,
  rules: GradebookDemoRules,
): Promise<SeedGradebookDemoResult> {
  const rng = createRandom(SEED);
  const pilotCodes = LAI_CHAU_PILOT.schools.map((s) => s.code);
  const classRows = await tx
    .select({
      schoolId: classes.schoolId,
      schoolCode: units.code,
      id: classes.id,
      name: classes.name,
      grade: classes.grade,
    })
    .from(classes)
    .innerJoin(units, eq(units.id, classes.schoolId))
    .where(eq(classes.schoolYearId, schoolYearId))
    .orderBy(asc(units.code), asc(classes.name));
  const pilotClasses = classRows.filter((c) => pilotCodes.includes(c.schoolCode));
  const subjectRows = await tx
    .select({
      id: subjects.id,
      code: subjects.code,
      assessment: subjects.assessment,
      grade: subjectGrades.grade,
      periods: subjectGrades.periodsPerYear,
    })
    .from(subjectGrades)
    .innerJoin(subjects, eq(subjects.id, subjectGrades.subjectId))
    .orderBy(asc(subjects.sortOrder));
  const principals = await tx
    .select({ schoolId: staff.schoolId, fullName: staff.fullName })
    .from(staff)
    .where(eq(staff.position, 'principal'));

  const entries: EntryRow[] = [];
  const conduct: ConductRow[] = [];
  const add = (e: EntryRow) => entries.push(e);

  for (const cls of pilotClasses) {
    const roster = await tx
      .select({ id: students.id })
      .from(students)
      .where(and(eq(students.schoolId, cls.schoolId), eq(students.currentClassId, cls.id)))
      .orderBy(asc(students.id));
    const gradeSubjects = subjectRows.filter((s) => s.grade === cls.grade);
    const classLevel = normal(rng) * 0.35; // some classes do a little better than others
    for (const { id: studentId } of roster) {
      const ability = clamp(7.1 + classLevel + normal(rng) * 1.0, 3.9, 9.6);
      const behaviour = clamp(ability / 10 + normal(rng) * 0.12, 0, 1);
      const base = { schoolId: cls.schoolId, studentId, classId: cls.id };
      for (const s of gradeSubjects) {
        const aptitude = ability + normal(rng) * 0.6;
        for (const termNo of [1, 2]) {
          const level = clamp(aptitude + (termNo === 2 ? 0.2 : 0) + normal(rng) * 0.25, 1.5, 9.9);
          const slot = { ...base, subjectId: s.id, termNo };
          if (cls.grade >= 6) {
            const kind = s.assessment === 'comment' ? 'comment' : 'scored';
            const n = rules.regularCount(kind, s.periods);
            if (kind === 'scored') {
              for (let i = 1; i <= n; i++)
                add({
                  ...slot,
                  kind: 'regular',
                  slotIndex: i,
                  score: score(rng, level + 0.3, 1.1, 0.5),
                  result: null,
                  comment: null,
                });
              add({
                ...slot,
                kind: 'midterm',
                slotIndex: 0,
                score: score(rng, level, 1.0, 0.1),
                result: null,
                comment: null,
              });
              add({
                ...slot,
                kind: 'endterm',
                slotIndex: 0,
                score: score(rng, level - 0.1, 1.0, 0.1),
                result: null,
                comment: null,
              });
            } else {
              const pass = () => (rng.chance(level < 4.5 ? 0.75 : 0.995) ? 'D' : 'CD');
              for (let i = 1; i <= n; i++)
                add({ ...slot, kind: 'regular', slotIndex: i, score: null, result: pass(), comment: null });
              add({ ...slot, kind: 'midterm', slotIndex: 0, score: null, result: pass(), comment: null });
              add({ ...slot, kind: 'endterm', slotIndex: 0, score: null, result: pass(), comment: null });
            }
            add({
              ...slot,
              kind: 'remark',
              slotIndex: 0,
              score: null,
              result: null,
              comment: remarkFor(rng, level),
            });
          } else {
            const points = rules.testPoints(s.code, cls.grade);
            const levelOf = (x: number) => (x >= 7.6 ? 'HTT' : x >= 3.9 ? 'HT' : 'CHT');
            const mid = levelOf(level + normal(rng) * 0.4);
            const end = levelOf(level + 0.2 + normal(rng) * 0.3);
            add({ ...slot, kind: 'midterm', slotIndex: 0, score: null, result: mid, comment: null });
            add({ ...slot, kind: 'endterm', slotIndex: 0, score: null, result: end, comment: null });
            const test = (x: number) => Math.round(clamp(x + 0.6 + normal(rng) * 0.9, 2, 10));
            if (points.includes(termNo === 1 ? 'mid1' : 'mid2'))
              add({
                ...slot,
                kind: 'test_mid',
                slotIndex: 0,
                score: test(level),
                result: null,
                comment: null,
              });
            if (points.includes(termNo === 1 ? 'end1' : 'end2')) {
              // Consistent with the level: a Hoàn thành tốt student does not fail the end-of-term test.
              const t =
                end === 'HTT'
                  ? Math.max(7, test(level))
                  : end === 'HT'
                    ? Math.max(5, test(level))
                    : test(level);
              add({ ...slot, kind: 'test_end', slotIndex: 0, score: t, result: null, comment: null });
            }
            add({
              ...slot,
              kind: 'remark',
              slotIndex: 0,
              score: null,
              result: null,
              comment: rng.pick(REMARKS_PRIMARY[end]),
            });
          }
        }
      }
      for (const termNo of [1, 2]) {
        const b = clamp(behaviour + (termNo === 2 ? 0.03 : 0) + normal(rng) * 0.06, 0, 1);
        if (cls.grade >= 6) {
          const level = b > 0.62 ? 'T' : b > 0.48 ? 'K' : b > 0.3 ? 'D' : rng.chance(0.5) ? 'D' : 'CD';
          conduct.push({ ...base, termNo, aspect: 'conduct', level, comment: null });
        } else {
          for (const code of [...rules.qualityCodes, ...rules.competencyCodes]) {
            const x = b + normal(rng) * 0.1;
            conduct.push({
              ...base,
              termNo,
              aspect: code,
              level: x > 0.55 ? 'T' : x > 0.24 ? 'D' : 'CCG',
              comment: null,
            });
          }
        }
      }
    }
  }

  await insertEntries(tx, schoolYearId, entries);
  await insertConduct(tx, schoolYearId, conduct);

  // Term I approved and locked by each school's principal; term II published to families.
  const now = new Date('2025-01-17T09:00:00+07:00');
  const principalOf = new Map(principals.map((p) => [p.schoolId, p.fullName]));
  for (const cls of pilotClasses) {
    await tx.execute(sql`
      insert into grade_term_locks (school_id, class_id, school_year_id, term_no, status, locked_by_name, locked_at, updated_at)
      values (${cls.schoolId}::uuid, ${cls.id}::uuid, ${schoolYearId}::uuid, 1, 'locked', ${principalOf.get(cls.schoolId) ?? null},
              ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
      on conflict do nothing`);
    await tx.execute(sql`
      insert into grade_publications (school_id, class_id, subject_id, school_year_id, term_no, published_at)
      select ${cls.schoolId}::uuid, ${cls.id}::uuid, sg.subject_id, ${schoolYearId}::uuid, 2, '2025-05-23T16:00:00+07:00'::timestamptz
      from subject_grades sg where sg.grade = ${cls.grade}
      on conflict do nothing`);
  }
  return {
    skipped: false,
    schoolYearId,
    schoolIds: [...new Set(pilotClasses.map((c) => c.schoolId))],
    entries: entries.length,
    conductRatings: conduct.length,
  };
}

const CHUNK = 10_000;

async function insertEntries(tx: Tx, schoolYearId: string, rows: EntryRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const col = <T>(pick: (r: EntryRow) => T) => sql.param(part.map(pick));
    await tx.execute(sql`
      insert into grade_entries
        (school_id, school_year_id, student_id, subject_id, term_no, kind, slot_index, class_id, score, result, comment,
         updated_at)
      select t.school_id, ${schoolYearId}::uuid, t.student_id, t.subject_id, t.term_no, t.kind, t.slot_index, t.class_id,
             t.score, t.result, t.comment, '2025-05-20T10:00:00+07:00'::timestamptz
      from unnest(${col((r) => r.schoolId)}::uuid[], ${col((r) => r.studentId)}::uuid[],
                  ${col((r) => r.subjectId)}::uuid[], ${col((r) => r.termNo)}::smallint[], ${col((r) => r.kind)}::text[],
                  ${col((r) => r.slotIndex)}::smallint[], ${col((r) => r.classId)}::uuid[],
                  ${col((r) => r.score)}::numeric[], ${col((r) => r.result)}::text[], ${col((r) => r.comment)}::text[])
        as t(school_id, student_id, subject_id, term_no, kind, slot_index, class_id, score, result, comment)`);
  }
}

async function insertConduct(tx: Tx, schoolYearId: string, rows: ConductRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const col = <T>(pick: (r: ConductRow) => T) => sql.param(part.map(pick));
    await tx.execute(sql`
      insert into conduct_ratings (school_id, school_year_id, student_id, term_no, aspect, class_id, level, comment, updated_at)
      select t.school_id, ${schoolYearId}::uuid, t.student_id, t.term_no, t.aspect, t.class_id, t.level, t.comment,
             '2025-05-20T10:00:00+07:00'::timestamptz
      from unnest(${col((r) => r.schoolId)}::uuid[], ${col((r) => r.studentId)}::uuid[], ${col((r) => r.termNo)}::smallint[],
                  ${col((r) => r.aspect)}::text[], ${col((r) => r.classId)}::uuid[], ${col((r) => r.level)}::text[],
                  ${col((r) => r.comment)}::text[])
        as t(school_id, student_id, term_no, aspect, class_id, level, comment)`);
  }
}
