import {
  hasPermission,
  type Permission,
  type Question as QuestionDto,
  ROLE_PERMISSIONS,
} from '@smartedu/contracts';
import type { Database } from '@smartedu/db';
import {
  type BodyOf,
  duplicateKey,
  findSubject,
  type QuestionBody,
  questionText,
  sanitizeMarkup,
  validatePoints,
  validateQuestionBody,
} from '@smartedu/domain';
import { AppError, forbidden } from '../../errors';
import type { AccessService, Actor } from '../access';
import type { AuditRepository } from '../audit';
import type { MediaStore } from './io/media-store';
import { sha256Hex } from './io/media-store';
import type { BankAccess, QuestionRow } from './question-bank.repository';

/** What every question-bank service receives. */
export type QuestionBankDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  media: MediaStore;
};

const DEPT_ROLES = new Set(['dept_admin', 'dept_specialist']);
const ids = (paths: string[]) => [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];

/**
 * The actor's reach over the bank, from its grants: the units whose shared questions it may use (its units
 * and their ancestors), where it reviews (school_admin: school scope; department roles: every shared
 * question), where it manages others' tests.
 */
export async function bankAccess(
  access: AccessService,
  actor: Actor,
  read: Permission = 'questions.read',
): Promise<BankAccess> {
  if (
    !hasPermission(
      actor.roles.map((g) => g.role),
      read,
    )
  )
    throw forbidden();
  const readScope = await access.scope(actor, read);
  const review = await access.scope(actor, 'questions.review');
  const grants = (p: Permission, pick: (role: string) => boolean) =>
    actor.roles.filter((g) => pick(g.role) && ROLE_PERMISSIONS[g.role].includes(p)).map((g) => g.unitPath);
  return {
    userId: actor.userId,
    readUnitIds: ids(readScope.subtrees),
    schoolReviewPaths: review.subtrees,
    deptReviewPaths: grants('questions.review', (r) => DEPT_ROLES.has(r)),
    manageTestPaths: grants('tests.write', (r) => r !== 'teacher'),
  };
}

export const isQuestionReviewer = (
  a: BankAccess,
  row: Pick<QuestionRow, 'scope'>,
  sharePath: string | null,
) =>
  Boolean(sharePath) &&
  ((row.scope === 'school' && a.schoolReviewPaths.some((p) => sharePath!.startsWith(p))) ||
    (row.scope !== 'own' && a.deptReviewPaths.some((p) => sharePath!.startsWith(p))));

export const canSeeQuestion = (a: BankAccess, row: QuestionRow, sharePath: string | null) =>
  row.ownerUserId === a.userId ||
  (row.status === 'approved' && row.scope !== 'own' && a.readUnitIds.includes(row.shareUnitId)) ||
  isQuestionReviewer(a, row, sharePath);

export const bodyOf = (row: Pick<QuestionRow, 'type' | 'content' | 'answerKey'>) =>
  ({ type: row.type, content: row.content, key: row.answerKey }) as QuestionBody;

const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString());

export function toQuestionDto(
  a: BankAccess,
  r: { q: QuestionRow; schoolName: string; sharePath: string | null },
): QuestionDto {
  const q = r.q;
  const reviewer = isQuestionReviewer(a, q, r.sharePath);
  return {
    id: q.id,
    schoolId: q.schoolId,
    schoolName: r.schoolName ?? '',
    ownerUserId: q.ownerUserId,
    ownerName: q.ownerName,
    scope: q.scope as QuestionDto['scope'],
    shareUnitId: q.shareUnitId,
    status: q.status as QuestionDto['status'],
    reviewerName: q.reviewerName,
    reviewComment: q.reviewComment,
    reviewedAt: iso(q.reviewedAt),
    subjectCode: q.subjectCode,
    grade: q.grade,
    topic: q.topic,
    level: q.level as QuestionDto['level'],
    type: q.type as QuestionDto['type'],
    points: q.points,
    explanation: q.explanation,
    externalId: q.externalId,
    source: q.source,
    body: bodyOf(q) as QuestionDto['body'],
    createdAt: iso(q.createdAt)!,
    updatedAt: iso(q.updatedAt)!,
    canEdit: q.ownerUserId === a.userId || reviewer,
    canReview: reviewer && q.status === 'pending_review',
  };
}

/** Texts in the restricted markup; fill-in answers trimmed. */
export function sanitizeBody(body: QuestionBody): QuestionBody {
  const s = sanitizeMarkup;
  const content = { ...body.content, stem: s(body.content.stem) };
  switch (body.type) {
    case 'single':
    case 'multiple':
      return {
        ...body,
        content: { ...content, options: body.content.options.map((o) => ({ ...o, text: s(o.text) })) },
      } as QuestionBody;
    case 'true_false':
      return {
        ...body,
        content: { ...content, statements: body.content.statements.map((x) => ({ ...x, text: s(x.text) })) },
      };
    case 'matching':
      return {
        ...body,
        content: {
          ...content,
          left: body.content.left.map((x) => ({ ...x, text: s(x.text) })),
          right: body.content.right.map((x) => ({ ...x, text: s(x.text) })),
        },
      };
    case 'fill_blank': {
      const b = body as BodyOf<'fill_blank'>;
      return {
        ...b,
        content: { ...b.content, stem: content.stem },
        key: {
          ...b.key,
          blanks: Object.fromEntries(
            Object.entries(b.key.blanks).map(([k, v]) => [k, v.map((x) => x.trim()).filter(Boolean)]),
          ),
        },
      };
    }
    case 'essay':
      return {
        ...body,
        content: {
          ...content,
          rubric: body.content.rubric.map((r) => ({ ...r, criterion: s(r.criterion) })),
        },
        key: body.key.sampleAnswer ? { sampleAnswer: s(body.key.sampleAnswer) } : {},
      };
    default:
      return { ...body, content } as QuestionBody;
  }
}

/** Checks a question's content and metadata; throws VALIDATION_FAILED listing every problem. */
export function assertValidQuestion(
  body: QuestionBody,
  meta: { subjectCode: string; grade: number; points: number },
) {
  const issues = validateQuestionBody(body);
  const points = validatePoints(meta.points);
  if (points) issues.push(points);
  const subject = findSubject(meta.subjectCode);
  if (!subject)
    issues.push({
      code: 'SUBJECT_UNKNOWN',
      message: `Môn học "${meta.subjectCode}" không có trong chương trình.`,
    });
  else if (subject.periodsByGrade[meta.grade] === undefined)
    issues.push({ code: 'SUBJECT_GRADE', message: `Môn ${subject.name} không học ở lớp ${meta.grade}.` });
  if (issues.length)
    throw new AppError('VALIDATION_FAILED', issues.map((i) => i.message).join(' '), {
      field: 'body',
      issues,
    });
}

export const contentHashOf = (body: QuestionBody) => sha256Hex(duplicateKey(body));
export const searchTextOf = (body: QuestionBody) => questionText(body).toLocaleLowerCase('vi').slice(0, 4000);

/** Default points per item when a file does not say (2025 format: Phần I 0,25; Phần II 1; Phần III 0,5). */
export const DEFAULT_POINTS: Record<QuestionBody['type'], number> = {
  single: 0.25,
  multiple: 0.5,
  true_false: 1,
  short_answer: 0.5,
  matching: 1,
  fill_blank: 0.5,
  essay: 1,
};

export const offsetOf = (q: { page: number; pageSize: number }) => ({
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});
