import { randomUUID } from 'node:crypto';
import type {
  Permission,
  TranscriptConfirmResult,
  TranscriptDetail,
  TranscriptGenerateResult,
  TranscriptItem,
  TranscriptListQuery,
  TranscriptPublicStatus,
  TranscriptSignJob,
  TranscriptSignResult,
  TranscriptSignRole,
  TranscriptStatus,
  TranscriptVerification,
} from '@smartedu/contracts';
import type { Database, Tx } from '@smartedu/db';
import { compareVietnameseNames, foldVietnamese, removeDiacritics } from '@smartedu/domain';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { z } from 'zod';
import { AppError, forbidden, notFound } from '../../errors';
import { type AccessService, type Actor, scopeCovers } from '../access';
import type { AuditRepository } from '../audit';
import { defineJob, type JobQueue } from '../jobs';
import type { SigningIdentity } from './cms';
import { P12Error, readP12, signPdf } from './pdf-signing';
import { verifyPdf } from './pdf-verification';
import {
  buildTranscriptData,
  type ClassContext,
  dataHash,
  levelOfGrade,
  rowHash,
  sha256Hex,
} from './transcript-builder';
import type { SubjectConfirmationMark, TranscriptData } from './transcript-data';
import {
  TRANSCRIPT_EXPORT_FIELDS,
  TRANSCRIPT_EXPORT_FORMAT,
  TRANSCRIPT_EXPORT_VERSION,
  toSectorRecord,
} from './transcript-export';
import { renderTranscriptPdf } from './transcript-pdf';
import {
  type ConfirmationRow,
  createTranscriptsRepository,
  type SignatureRow,
  type SignBatchRow,
  type TranscriptHeader,
  type TranscriptRow,
} from './transcripts.repository';

export type TranscriptsDeps = {
  database: Database;
  access: AccessService;
  audit: AuditRepository;
  /** The job queue that runs class signings (the endpoint answers 202 and the job signs). */
  jobs?: JobQueue;
  /** The server's public origin (PUBLIC_URL): the QR code points to `<publicUrl>/verify/<id>`. */
  publicUrl: string;
};

const EDITABLE: TranscriptStatus[] = ['draft', 'confirming'];
const P12_MESSAGES: Record<string, string> = {
  P12_UNREADABLE: 'Không đọc được tệp chứng thư số (.p12/.pfx)',
  P12_PASSWORD: 'Sai mật khẩu của tệp chứng thư số',
  P12_NO_KEY: 'Tệp chứng thư số không chứa khoá bí mật khớp với chứng thư',
  P12_KEY_UNSUPPORTED: 'Loại khoá của chứng thư số chưa được hỗ trợ (chỉ hỗ trợ RSA và ECDSA)',
};

/** "Lò Thị Hương" → "L. T. Hương": what the public verification page may show of a child's name. */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  if (words.length <= 1) return fullName;
  return [...words.slice(0, -1).map((w) => `${w[0]}.`), words[words.length - 1]].join(' ');
}
const slug = (s: string) =>
  removeDiacritics(s)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());

/** Ký học bạ cả lớp: one job per class signing, pinned to the process that holds the signing key. */
export const SignClassJob = defineJob(
  'transcripts.sign-class',
  z.object({ schoolId: z.uuid(), batchId: z.uuid() }),
);
/** A signing key not taken by its job within this time is forgotten. */
const KEY_TTL_MS = 30 * 60_000;
type SignIssue = { transcriptId: string; studentName: string; reason: string };

export function createTranscriptsService({ database, access, audit, publicUrl, jobs }: TranscriptsDeps) {
  const repo = createTranscriptsRepository(database.db);
  const verifyUrl = (id: string) => `${publicUrl.replace(/\/+$/, '')}/verify/${id}`;

  async function schoolWide(actor: Actor, permission: Permission, schoolId: string) {
    const [scope, schoolPath] = await Promise.all([
      access.scope(actor, permission),
      repo.schoolPath(schoolId),
    ]);
    return Boolean(schoolPath) && scopeCovers(scope, { schoolId, schoolPath: schoolPath! });
  }
  async function loadClass(schoolId: string, classId: string): Promise<ClassContext> {
    const ctx = await repo.classContext(schoolId, classId);
    if (!ctx) throw notFound('lớp');
    return ctx;
  }
  /** The homeroom teacher of the class, or a school-wide signer (principal, department) for drafts. */
  async function requireClassManager(actor: Actor, schoolId: string, classId: string) {
    await access.require(actor, 'transcripts.sign', { schoolId, classIds: [classId] });
    const ctx = await loadClass(schoolId, classId);
    if (!(await schoolWide(actor, 'transcripts.sign', schoolId)) && actor.staffId !== ctx.homeroomTeacherId)
      throw forbidden('Chỉ giáo viên chủ nhiệm của lớp hoặc Ban giám hiệu được tạo học bạ');
    return ctx;
  }

  const marksOf = (confirmations: ConfirmationRow[], transcriptId: string): SubjectConfirmationMark[] =>
    confirmations
      .filter((c) => c.transcriptId === transcriptId)
      .map((c) => ({ subjectId: c.subjectId, staffName: c.staffName, confirmedAt: iso(c.confirmedAt) }));

  /** Subjects of the data whose confirmation is missing or was made on a different row. */
  function unconfirmed(data: TranscriptData, confirmations: ConfirmationRow[]) {
    return data.subjects.filter((s) => {
      const c = confirmations.find((x) => x.subjectId === s.subjectId);
      return !c || c.rowSha256 !== rowHash(s);
    });
  }

  function shapeItem(
    h: TranscriptHeader & { subjectCount: number },
    confirmations: ConfirmationRow[],
    signatures: SignatureRow[],
  ): TranscriptItem {
    return {
      id: h.id,
      schoolId: h.schoolId,
      studentId: h.studentId,
      studentName: h.studentName,
      sectorId: h.sectorId,
      classId: h.classId,
      className: h.className,
      schoolYearId: h.schoolYearId,
      schoolYear: h.schoolYear,
      level: h.level as TranscriptItem['level'],
      status: h.status as TranscriptStatus,
      subjectCount: h.subjectCount,
      confirmedCount: confirmations.filter((c) => c.transcriptId === h.id).length,
      signatures: signatures
        .filter((s) => s.transcriptId === h.id)
        .map((s) => ({
          role: s.role as TranscriptSignRole,
          signerName: s.signerName,
          certificateIssuer: s.certificateIssuer,
          certificateSerial: s.certificateSerial,
          certificateFingerprint: s.certificateFingerprint,
          signedAt: iso(s.signedAt),
          revisionSha256: s.revisionSha256,
        })),
      pdfSha256: h.pdfSha256,
      generatedAt: iso(h.generatedAt),
      updatedAt: iso(h.updatedAt),
    };
  }

  async function readable(actor: Actor, schoolId: string, id: string) {
    const row = await repo.full(schoolId, id);
    if (!row) throw notFound('học bạ');
    await access.require(actor, 'transcripts.read', {
      schoolId,
      classIds: [row.classId],
      studentId: row.studentId,
    });
    return row;
  }

  async function pdfOf(row: TranscriptRow, confirmations: ConfirmationRow[]): Promise<Buffer> {
    if (row.pdf && !EDITABLE.includes(row.status as TranscriptStatus)) return row.pdf;
    return renderTranscriptPdf(row.data as TranscriptData, {
      verifyUrl: verifyUrl(row.id),
      draft: true,
      confirmations: marksOf(confirmations, row.id),
      issuedOn: new Date(),
    });
  }
  const fileNameOf = (data: TranscriptData) =>
    `hoc-ba-${data.student.sectorId}-${slug(data.student.fullName)}-${data.schoolYear}.pdf`;

  async function openIdentity(p12: Buffer, password: string): Promise<SigningIdentity> {
    let identity: SigningIdentity;
    try {
      identity = readP12(p12, password);
    } catch (err) {
      if (err instanceof P12Error) throw new AppError(err.code, P12_MESSAGES[err.code], undefined, 400);
      throw err;
    }
    const now = new Date();
    const cert = identity.certificate;
    if (now < cert.notBefore || now > cert.notAfter)
      throw new AppError(
        'CERTIFICATE_EXPIRED',
        'Chứng thư số chưa có hiệu lực hoặc đã hết hạn',
        {
          notBefore: cert.notBefore.toISOString(),
          notAfter: cert.notAfter.toISOString(),
        },
        400,
      );
    return identity;
  }
  /** A personal signature: the certificate must carry the signer's own name. */
  function requireOwnCertificate(identity: SigningIdentity, staffName: string) {
    const cn = foldVietnamese(identity.certificate.subject.CN ?? '');
    const name = foldVietnamese(staffName);
    if (!cn || !(cn.includes(name) || name.includes(cn)))
      throw new AppError(
        'CERTIFICATE_NAME_MISMATCH',
        `Chứng thư số mang tên "${identity.certificate.subject.CN ?? ''}", không phải của ${staffName}`,
        undefined,
        400,
      );
  }

  async function publicStatus(id: string): Promise<TranscriptPublicStatus> {
    const row = await repo.publicById(id);
    if (!row) throw notFound('học bạ');
    const signatures = await repo.signatures(row.schoolId, [id]);
    return {
      id,
      status: row.status as TranscriptStatus,
      studentName: maskName(row.data.student.fullName),
      className: row.data.className,
      schoolName: row.data.schoolName,
      schoolYear: row.data.schoolYear,
      signedSha256: row.pdfSha256,
      signatures: signatures.map((s) => ({
        role: s.role as TranscriptSignRole,
        signerName: s.signerName,
        signedAt: iso(s.signedAt),
      })),
    };
  }

  type Signer = {
    actor: Actor;
    schoolId: string;
    role: TranscriptSignRole;
    ctx: ClassContext;
    me: { id: string; fullName: string };
    identity: SigningIdentity;
  };
  type SignedRevision = { row: TranscriptRow; pdf: Buffer; signedAt: Date; revisionSha256: string };
  const expectedStatus = (role: TranscriptSignRole): TranscriptStatus[] =>
    role === 'homeroom' ? EDITABLE : ['homeroom_signed'];
  const nextStatus = (role: TranscriptSignRole): TranscriptStatus =>
    role === 'homeroom' ? 'homeroom_signed' : 'principal_signed';

  /** The actor may sign the class's transcripts in this role, with a valid certificate in their own name. */
  async function openSigner(
    actor: Actor,
    schoolId: string,
    role: TranscriptSignRole,
    classId: string,
    p12: Buffer,
    password: string,
  ): Promise<Signer> {
    await access.require(actor, 'transcripts.sign', { schoolId, classIds: [classId] });
    const ctx = await loadClass(schoolId, classId);
    const me = actor.staffId ? await repo.staffMember(schoolId, actor.staffId) : null;
    const roleRefusal =
      role === 'homeroom'
        ? 'Chỉ giáo viên chủ nhiệm của lớp được ký học bạ với vai trò GVCN'
        : 'Chỉ Hiệu trưởng của trường được phê duyệt và ký học bạ';
    if (!me) throw forbidden(roleRefusal);
    const mayActAs =
      role === 'homeroom'
        ? me.id === ctx.homeroomTeacherId
        : me.position === 'principal' && (await schoolWide(actor, 'transcripts.sign', schoolId));
    if (!mayActAs) throw forbidden(roleRefusal);
    const identity = await openIdentity(p12, password);
    requireOwnCertificate(identity, me.fullName);
    return { actor, schoolId, role, ctx, me, identity };
  }

  /** Why a transcript is not ready for this role's signature (null: ready). */
  function notReady(row: TranscriptRow, role: TranscriptSignRole, confirmations: ConfirmationRow[]) {
    const status = row.status as TranscriptStatus;
    if (!expectedStatus(role).includes(status))
      return role === 'principal' && EDITABLE.includes(status)
        ? 'Giáo viên chủ nhiệm chưa ký học bạ này'
        : 'Học bạ đã được ký với vai trò này';
    if (role === 'homeroom') {
      const missing = unconfirmed(
        row.data as TranscriptData,
        confirmations.filter((c) => c.transcriptId === row.id),
      );
      if (missing.length)
        return `Chưa đủ xác nhận của giáo viên bộ môn: ${missing.map((s) => s.name).join(', ')}`;
    }
    return null;
  }

  /** Renders (homeroom) or takes the stored PDF (principal), signs it and checks the result verifies. */
  async function signRevision(
    signer: Signer,
    row: TranscriptRow,
    confirmations: ConfirmationRow[],
  ): Promise<SignedRevision> {
    const data = row.data as TranscriptData;
    const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const base =
      signer.role === 'homeroom'
        ? await renderTranscriptPdf(data, {
            verifyUrl: verifyUrl(row.id),
            draft: false,
            confirmations: marksOf(confirmations, row.id),
            issuedOn: signedAt,
          })
        : row.pdf!;
    const pdf = await signPdf(base, signer.identity, {
      reason: signer.role === 'homeroom' ? 'Giao vien chu nhiem ky hoc ba' : 'Hieu truong phe duyet hoc ba',
      name: signer.me.fullName,
      location: data.schoolName,
      contactInfo: data.schoolCode,
      signingTime: signedAt,
    });
    // Never store a file that does not verify (and, for the principal, that broke the first signature).
    const check = verifyPdf(pdf);
    if (!check.valid || check.signatures.length !== (signer.role === 'homeroom' ? 1 : 2))
      throw new AppError('INTERNAL', 'Ký số không thành công, vui lòng thử lại', check.errors, 500);
    return { row, pdf, signedAt, revisionSha256: sha256Hex(pdf) };
  }

  /** Stores a signed revision with its signature row and audit entry; false when the transcript moved on. */
  async function storeRevision(tx: Tx, signer: Signer, p: SignedRevision): Promise<boolean> {
    const txRepo = createTranscriptsRepository(tx);
    const cert = signer.identity.certificate;
    const next = nextStatus(signer.role);
    const stored = await txRepo.storeSigned(signer.schoolId, p.row.id, expectedStatus(signer.role), {
      status: next,
      pdf: p.pdf,
      pdfSha256: p.revisionSha256,
    });
    if (!stored) return false;
    await txRepo.insertSignature({
      schoolId: signer.schoolId,
      transcriptId: p.row.id,
      role: signer.role,
      staffId: signer.me.id,
      userId: signer.actor.userId,
      signerName: cert.subject.CN ?? signer.me.fullName,
      certificateSubject: cert.subject,
      certificateIssuer: cert.issuer.CN ?? cert.issuer.O ?? null,
      certificateSerial: cert.serialHex,
      certificateFingerprint: cert.fingerprintSha256,
      certificateValidTo: cert.notAfter,
      signedAt: p.signedAt,
      revisionLength: p.pdf.length,
      revisionSha256: p.revisionSha256,
    });
    await audit.record(tx, signer.actor, {
      schoolId: signer.schoolId,
      action: signer.role === 'homeroom' ? 'sign_homeroom' : 'sign_principal',
      entity: 'transcript',
      entityId: p.row.id,
      before: { status: p.row.status, pdfSha256: p.row.pdfSha256 },
      after: {
        status: next,
        signerName: cert.subject.CN ?? null,
        certificateIssuer: cert.issuer.CN ?? null,
        certificateSerial: cert.serialHex,
        certificateFingerprint: cert.fingerprintSha256,
        pdfSha256: p.revisionSha256,
        revisionLength: p.pdf.length,
      },
    });
    return true;
  }

  // ---- class signing in the background

  /**
   * Signing keys of queued class signings, in this process's memory only: taken by the job, forgotten when
   * it ends, and after KEY_TTL_MS in any case (a job that never ran).
   */
  const keyring = (() => {
    const held = new Map<string, { signer: Signer; timer: NodeJS.Timeout }>();
    return {
      hold(batchId: string, signer: Signer) {
        const timer = setTimeout(() => held.delete(batchId), KEY_TTL_MS);
        timer.unref();
        held.set(batchId, { signer, timer });
      },
      take(batchId: string): Signer | null {
        const entry = held.get(batchId);
        if (!entry) return null;
        clearTimeout(entry.timer);
        held.delete(batchId);
        return entry.signer;
      },
    };
  })();

  const issues = (list: SignIssue[] | null | undefined) => list ?? [];
  const toSignJob = (b: SignBatchRow): TranscriptSignJob => ({
    id: b.id,
    jobId: b.jobId ?? null,
    classId: b.classId,
    role: b.role as TranscriptSignRole,
    status: b.status as TranscriptSignJob['status'],
    total: b.total,
    processed: b.processed,
    signed: b.signed,
    skipped: issues(b.skipped),
    errors: issues(b.errors),
    message: b.message,
    signerName: b.signerName,
    certificateFingerprint: b.certificateFingerprint,
    requestedByName: b.requestedByName,
    createdAt: iso(b.createdAt),
    startedAt: b.startedAt ? iso(b.startedAt) : null,
    finishedAt: b.finishedAt ? iso(b.finishedAt) : null,
  });
  async function signJobView(schoolId: string, id: string) {
    const b = await repo.signBatch(schoolId, id);
    if (!b) throw notFound('lượt ký học bạ');
    return toSignJob(b);
  }

  /** The job: signs every ready transcript of the class, one transaction each, recording progress. */
  async function runClassSign(p: { schoolId: string; batchId: string }, orphaned: boolean) {
    const batch = await repo.signBatch(p.schoolId, p.batchId);
    if (!batch || batch.status === 'done' || batch.status === 'failed') return;
    const signer = orphaned ? null : keyring.take(p.batchId);
    if (!signer) {
      await repo.updateSignBatch(p.schoolId, p.batchId, {
        status: 'failed',
        message:
          'Chứng thư số không còn trong bộ nhớ máy chủ (máy chủ đã khởi động lại, hoặc lượt ký chờ quá lâu); ' +
          'chứng thư số không bao giờ được lưu lại, vui lòng ký lại.',
        finishedAt: new Date(),
      });
      return;
    }
    try {
      await signClass(p, batch, signer);
    } catch (err) {
      await repo.updateSignBatch(p.schoolId, p.batchId, {
        status: 'failed',
        message: 'Lỗi hệ thống khi ký học bạ; các học bạ đã ký vẫn được lưu. Vui lòng ký lại phần còn lại.',
        finishedAt: new Date(),
      });
      throw err;
    }
  }

  async function signClass(p: { schoolId: string; batchId: string }, batch: SignBatchRow, signer: Signer) {
    await repo.updateSignBatch(p.schoolId, p.batchId, { status: 'running', startedAt: new Date() });
    const rows = (await repo.fullOfClass(p.schoolId, batch.classId)).sort((a, b) =>
      compareVietnameseNames(
        (a.data as TranscriptData).student.fullName,
        (b.data as TranscriptData).student.fullName,
      ),
    );
    const confirmations = await repo.confirmations(
      p.schoolId,
      rows.map((r) => r.id),
    );
    const skipped: SignIssue[] = [];
    const errors: SignIssue[] = [];
    let signed = 0;
    let processed = 0;
    for (const row of rows) {
      const studentName = (row.data as TranscriptData).student.fullName;
      const reason = notReady(row, signer.role, confirmations);
      if (reason) skipped.push({ transcriptId: row.id, studentName, reason });
      else {
        try {
          const revision = await signRevision(signer, row, confirmations);
          const stored = await database.transaction((tx) => storeRevision(tx, signer, revision));
          if (stored) signed++;
          else
            skipped.push({
              transcriptId: row.id,
              studentName,
              reason: 'Học bạ vừa được người khác ký hoặc thay đổi',
            });
        } catch (err) {
          const message = err instanceof AppError ? err.message : 'Ký số không thành công';
          errors.push({ transcriptId: row.id, studentName, reason: message });
        }
      }
      processed++;
      await repo.updateSignBatch(p.schoolId, p.batchId, {
        processed,
        signed,
        skipped,
        errors,
        total: Math.max(batch.total, rows.length),
      });
    }
    await repo.updateSignBatch(p.schoolId, p.batchId, {
      status: 'done',
      total: rows.length,
      finishedAt: new Date(),
    });
  }

  jobs?.register(SignClassJob, (payload, ctx) => runClassSign(payload, ctx.orphaned));

  return {
    async list(actor: Actor, q: z.infer<typeof TranscriptListQuery>) {
      const scope = await access.scope(actor, 'transcripts.read');
      const { total, items } = await repo.list(scope, q, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const bySchool = new Map<string, string[]>();
      for (const i of items) bySchool.set(i.schoolId, [...(bySchool.get(i.schoolId) ?? []), i.id]);
      const confirmations: ConfirmationRow[] = [];
      const signatures: SignatureRow[] = [];
      for (const [schoolId, ids] of bySchool) {
        confirmations.push(...(await repo.confirmations(schoolId, ids)));
        signatures.push(...(await repo.signatures(schoolId, ids)));
      }
      return { total, items: items.map((i) => shapeItem(i, confirmations, signatures)) };
    },

    async get(actor: Actor, schoolId: string, id: string): Promise<TranscriptDetail> {
      const row = await readable(actor, schoolId, id);
      const h = (await repo.header(schoolId, id))!;
      const [confirmations, signatures] = await Promise.all([
        repo.confirmations(schoolId, [id]),
        repo.signatures(schoolId, [id]),
      ]);
      const data = row.data as TranscriptData;
      return {
        ...shapeItem(h, confirmations, signatures),
        subjects: data.subjects.map((s) => {
          const c = confirmations.find((x) => x.subjectId === s.subjectId);
          return {
            subjectId: s.subjectId,
            code: s.code,
            name: s.name,
            teacherName: s.teacherName,
            confirmedBy: c?.staffName ?? null,
            confirmedAt: c ? iso(c.confirmedAt) : null,
          };
        }),
        data: data as unknown as Record<string, unknown>,
      };
    },

    async pdf(actor: Actor, schoolId: string, id: string) {
      const row = await readable(actor, schoolId, id);
      const pdf = await pdfOf(row, await repo.confirmations(schoolId, [id]));
      return { pdf, fileName: fileNameOf(row.data as TranscriptData) };
    },

    /** Tạo / làm mới bản nháp học bạ of every student of a class from the gradebook. */
    async generate(actor: Actor, schoolId: string, classId: string): Promise<TranscriptGenerateResult> {
      const ctx = await requireClassManager(actor, schoolId, classId);
      const roster = await repo.roster(schoolId, classId);
      const [subjects, rows, existing] = await Promise.all([
        repo.classSubjects(schoolId, classId, ctx.schoolYearId, ctx.grade),
        repo.gradebookRows(
          schoolId,
          ctx.schoolYearId,
          roster.map((s) => s.id),
        ),
        repo.byStudentYear(
          schoolId,
          roster.map((s) => s.id),
          ctx.schoolYearId,
        ),
      ]);
      const confirmations = await repo.confirmations(
        schoolId,
        existing.map((e) => e.id),
      );
      const result: TranscriptGenerateResult = {
        total: roster.length,
        created: 0,
        refreshed: 0,
        unchanged: 0,
        skippedSigned: 0,
        confirmationsDropped: 0,
      };
      await database.transaction(async (tx) => {
        const txRepo = createTranscriptsRepository(tx);
        for (const student of roster) {
          const current = existing.find((e) => e.studentId === student.id);
          const id = current?.id ?? randomUUID();
          const data = buildTranscriptData(id, ctx, student, subjects, rows);
          const hash = dataHash(data);
          if (!current) {
            await txRepo.insert({
              schoolId,
              id,
              studentId: student.id,
              schoolYearId: ctx.schoolYearId,
              classId,
              level: levelOfGrade(ctx.grade),
              status: 'draft',
              data,
              dataSha256: hash,
              generatedBy: actor.userId,
            });
            result.created++;
            continue;
          }
          if (!EDITABLE.includes(current.status as TranscriptStatus)) {
            result.skippedSigned++;
            continue;
          }
          if (current.dataSha256 === hash && current.classId === classId) {
            result.unchanged++;
            continue;
          }
          const mine = confirmations.filter((c) => c.transcriptId === id);
          const stale = mine.filter((c) => {
            const row = data.subjects.find((s) => s.subjectId === c.subjectId);
            return !row || rowHash(row) !== c.rowSha256;
          });
          await txRepo.deleteConfirmations(
            schoolId,
            id,
            stale.map((c) => c.subjectId),
          );
          result.confirmationsDropped += stale.length;
          await txRepo.updateDraft(schoolId, id, {
            data,
            dataSha256: hash,
            classId,
            status: mine.length > stale.length ? 'confirming' : 'draft',
            generatedBy: actor.userId,
          });
          result.refreshed++;
        }
        await audit.record(tx, actor, {
          schoolId,
          action: 'generate',
          entity: 'transcript_class',
          entityId: classId,
          after: { className: ctx.className, schoolYear: ctx.schoolYear, ...result },
        });
      });
      return result;
    },

    /** GVBM xác nhận: the subject's teacher in the class confirms the subject's row of every transcript. */
    async confirm(
      actor: Actor,
      schoolId: string,
      body: { classId: string; subjectId: string },
    ): Promise<TranscriptConfirmResult> {
      await access.require(actor, 'transcripts.sign', { schoolId, classIds: [body.classId] });
      const ctx = await loadClass(schoolId, body.classId);
      const teacher = await repo.assignedTeacher(schoolId, body.classId, ctx.schoolYearId, body.subjectId);
      const confirmer = teacher ?? ctx.homeroomTeacherId;
      if (!actor.staffId || actor.staffId !== confirmer)
        throw forbidden('Chỉ giáo viên dạy môn này ở lớp mới được xác nhận kết quả môn học');
      const staffMember = await repo.staffMember(schoolId, actor.staffId);
      const rows = await repo.fullOfClass(schoolId, body.classId);
      const existing = await repo.confirmations(
        schoolId,
        rows.map((r) => r.id),
      );
      const result: TranscriptConfirmResult = { confirmed: 0, alreadyConfirmed: 0, skipped: 0 };
      const now = new Date();
      await database.transaction(async (tx) => {
        const txRepo = createTranscriptsRepository(tx);
        const entries = [];
        for (const row of rows) {
          const data = row.data as TranscriptData;
          const subjectRow = data.subjects.find((s) => s.subjectId === body.subjectId);
          if (!subjectRow || !EDITABLE.includes(row.status as TranscriptStatus)) {
            result.skipped++;
            continue;
          }
          const hash = rowHash(subjectRow);
          const prior = existing.find((c) => c.transcriptId === row.id && c.subjectId === body.subjectId);
          if (prior && prior.rowSha256 === hash) {
            result.alreadyConfirmed++;
            continue;
          }
          if (prior) await txRepo.deleteConfirmations(schoolId, row.id, [body.subjectId]);
          await txRepo.insertConfirmations([
            {
              schoolId,
              transcriptId: row.id,
              subjectId: body.subjectId,
              staffId: actor.staffId,
              staffName: staffMember?.fullName ?? actor.fullName,
              userId: actor.userId,
              rowSha256: hash,
              confirmedAt: now,
            },
          ]);
          if (row.status === 'draft') await txRepo.setStatus(schoolId, row.id, 'confirming');
          result.confirmed++;
          entries.push({
            schoolId,
            action: 'confirm_subject',
            entity: 'transcript',
            entityId: row.id,
            after: {
              subjectId: body.subjectId,
              subject: subjectRow.name,
              staffName: staffMember?.fullName ?? actor.fullName,
              rowSha256: hash,
            },
          });
        }
        await audit.record(tx, actor, entries);
      });
      return result;
    },

    /**
     * Ký số one transcript, in the request: the homeroom teacher (after every subject is confirmed), then the
     * principal, each with their own PKCS#12 certificate. (A whole class is signed by `enqueueClassSign`.)
     */
    async sign(
      actor: Actor,
      schoolId: string,
      input: {
        role: TranscriptSignRole;
        transcriptId?: string;
        classId?: string;
        p12: Buffer;
        password: string;
      },
    ): Promise<TranscriptSignResult> {
      const single = input.transcriptId ? await repo.full(schoolId, input.transcriptId) : null;
      if (input.transcriptId && !single) {
        await access.require(actor, 'transcripts.sign', { schoolId });
        throw notFound('học bạ');
      }
      const classId = single?.classId ?? input.classId;
      if (!classId) throw new AppError('VALIDATION_FAILED', 'Thiếu lớp cần ký học bạ', { field: 'classId' });
      const signer = await openSigner(actor, schoolId, input.role, classId, input.p12, input.password);
      const rows = single ? [single] : await repo.fullOfClass(schoolId, classId);
      const confirmations = await repo.confirmations(
        schoolId,
        rows.map((r) => r.id),
      );
      const skipped: TranscriptSignResult['skipped'] = [];
      const prepared: SignedRevision[] = [];
      for (const row of rows) {
        const reason = notReady(row, input.role, confirmations);
        if (reason) {
          if (single) throw new AppError('CONFLICT', reason, { status: row.status });
          skipped.push({ id: row.id, reason });
          continue;
        }
        prepared.push(await signRevision(signer, row, confirmations));
      }
      const signed: TranscriptSignResult['signed'] = [];
      await database.transaction(async (tx) => {
        for (const p of prepared) {
          if (!(await storeRevision(tx, signer, p))) {
            if (single) throw new AppError('CONFLICT', 'Học bạ vừa được người khác ký hoặc thay đổi');
            skipped.push({ id: p.row.id, reason: 'Học bạ vừa được người khác ký hoặc thay đổi' });
            continue;
          }
          signed.push({ id: p.row.id, status: nextStatus(input.role) });
        }
      });
      const cert = signer.identity.certificate;
      return {
        signed,
        skipped,
        signerName: cert.subject.CN ?? signer.me.fullName,
        certificateFingerprint: cert.fingerprintSha256,
      };
    },

    /**
     * Ký học bạ cả lớp as a background job: checks the signer and the certificate now (bad input is refused
     * here, 4xx), then queues the job and returns its status (202). The job signs transcript by transcript, each
     * stored in its own transaction, and records its progress and per-student errors. The certificate and its
     * password stay in this process's memory only (the job is pinned to this process) and are forgotten when
     * the job ends; they are never written to the database.
     */
    async enqueueClassSign(
      actor: Actor,
      schoolId: string,
      input: { role: TranscriptSignRole; classId: string; p12: Buffer; password: string },
    ): Promise<TranscriptSignJob> {
      if (!jobs) throw new AppError('INTERNAL', 'Hàng đợi công việc chưa được cấu hình', undefined, 500);
      const signer = await openSigner(actor, schoolId, input.role, input.classId, input.p12, input.password);
      const rows = await repo.fullOfClass(schoolId, input.classId);
      const cert = signer.identity.certificate;
      const batchId = randomUUID();
      keyring.hold(batchId, signer);
      const batch = await database
        .transaction(async (tx) => {
          const txRepo = createTranscriptsRepository(tx);
          const created = await txRepo.insertSignBatch({
            id: batchId,
            schoolId,
            classId: input.classId,
            role: input.role,
            total: rows.length,
            signerName: cert.subject.CN ?? signer.me.fullName,
            certificateFingerprint: cert.fingerprintSha256,
            requestedBy: actor.userId,
            requestedByName: actor.fullName,
          });
          const jobId = await jobs.enqueue(
            tx,
            SignClassJob,
            { schoolId, batchId: created.id },
            // Two runs at most: a run cut short by a dead process is taken again (as orphaned) to settle the batch.
            { pinned: true, maxAttempts: 2 },
          );
          await txRepo.updateSignBatch(schoolId, created.id, { jobId });
          await audit.record(tx, actor, {
            schoolId,
            action: input.role === 'homeroom' ? 'sign_class_homeroom' : 'sign_class_principal',
            entity: 'transcript_sign_batch',
            entityId: created.id,
            after: {
              classId: input.classId,
              className: signer.ctx.className,
              total: rows.length,
              jobId,
              certificateFingerprint: cert.fingerprintSha256,
            },
          });
          return created;
        })
        .catch((err) => {
          keyring.take(batchId); // not queued: forget the key now
          throw err;
        });
      jobs.wake();
      return signJobView(schoolId, batch.id);
    },

    /** The latest class signings of a class (who may sign there may follow them). */
    async signJobs(actor: Actor, schoolId: string, classId: string): Promise<{ items: TranscriptSignJob[] }> {
      await access.require(actor, 'transcripts.sign', { schoolId, classIds: [classId] });
      return { items: (await repo.signBatchesOfClass(schoolId, classId)).map(toSignJob) };
    },

    /** Progress of a class signing: the requester, the class's homeroom teacher and the school's managers. */
    async signJob(actor: Actor, schoolId: string, id: string): Promise<TranscriptSignJob> {
      const batch = await repo.signBatch(schoolId, id);
      if (!batch) {
        await access.require(actor, 'transcripts.sign', { schoolId });
        throw notFound('lượt ký học bạ');
      }
      await access.require(actor, 'transcripts.sign', { schoolId, classIds: [batch.classId] });
      return toSignJob(batch);
    },

    /**
     * One ZIP: the signed PDF of every student whose transcript is signed (and, on request, the drafts rendered
     * now) and a manifest listing every transcript of the class with its status and SHA-256.
     */
    async archive(
      actor: Actor,
      schoolId: string,
      classId: string,
      opts: { drafts: boolean } = { drafts: false },
    ) {
      await access.require(actor, 'transcripts.read', { schoolId, classIds: [classId] });
      const ctx = await loadClass(schoolId, classId);
      const rows = (await repo.fullOfClass(schoolId, classId)).sort((a, b) =>
        compareVietnameseNames(
          (a.data as TranscriptData).student.fullName,
          (b.data as TranscriptData).student.fullName,
        ),
      );
      const ids = rows.map((r) => r.id);
      const [confirmations, signatures] = await Promise.all([
        repo.confirmations(schoolId, ids),
        repo.signatures(schoolId, ids),
      ]);
      const files: Zippable = {};
      const manifest = [];
      for (const row of rows) {
        const data = row.data as TranscriptData;
        const signed = !EDITABLE.includes(row.status as TranscriptStatus);
        const pdf = signed || opts.drafts ? await pdfOf(row, confirmations) : null;
        const name = pdf ? fileNameOf(data) : null;
        if (pdf && name) files[name] = [new Uint8Array(pdf), { level: 0 }];
        manifest.push({
          file: name,
          transcriptId: row.id,
          sectorId: data.student.sectorId,
          studentName: data.student.fullName,
          status: row.status,
          sha256: pdf ? sha256Hex(pdf) : null,
          signed,
          signatures: signatures
            .filter((s) => s.transcriptId === row.id)
            .map((s) => ({ role: s.role, signerName: s.signerName, signedAt: iso(s.signedAt) })),
          verifyUrl: verifyUrl(row.id),
        });
      }
      files['manifest.json'] = strToU8(
        JSON.stringify(
          {
            school: { code: rows[0] ? (rows[0].data as TranscriptData).schoolCode : null, id: schoolId },
            className: ctx.className,
            schoolYear: ctx.schoolYear,
            exportedAt: new Date().toISOString(),
            transcripts: manifest,
          },
          null,
          2,
        ),
      );
      const zip = Buffer.from(zipSync(files, { level: 6 }));
      return { zip, fileName: `hoc-ba-${slug(ctx.className)}-${ctx.schoolYear}.zip` };
    },

    /** Structured export keyed by the sector identifier (see transcript-export.ts for the documented fields). */
    async exportJson(actor: Actor, schoolId: string, classId: string) {
      await access.require(actor, 'transcripts.read', { schoolId, classIds: [classId] });
      const ctx = await loadClass(schoolId, classId);
      const rows = await repo.fullOfClass(schoolId, classId);
      const ids = rows.map((r) => r.id);
      const [confirmations, signatures] = await Promise.all([
        repo.confirmations(schoolId, ids),
        repo.signatures(schoolId, ids),
      ]);
      const records: Record<string, unknown> = {};
      for (const row of rows) {
        const data = row.data as TranscriptData;
        records[data.student.sectorId] = toSectorRecord(data, {
          status: row.status,
          pdfSha256: row.pdfSha256,
          confirmations: marksOf(confirmations, row.id),
          signatures: signatures
            .filter((s) => s.transcriptId === row.id)
            .map((s) => ({
              role: s.role,
              signerName: s.signerName,
              certificateSerial: s.certificateSerial,
              certificateFingerprint: s.certificateFingerprint,
              signedAt: iso(s.signedAt),
            })),
        });
      }
      return {
        format: TRANSCRIPT_EXPORT_FORMAT,
        version: TRANSCRIPT_EXPORT_VERSION,
        exportedAt: new Date().toISOString(),
        school: { id: schoolId, code: ctx.schoolCode, name: ctx.schoolName },
        schoolYear: ctx.schoolYear,
        class: { id: classId, name: ctx.className, grade: ctx.grade },
        fields: TRANSCRIPT_EXPORT_FIELDS,
        transcripts: records,
      };
    },

    publicStatus,

    /** Public check of an uploaded PDF: signatures, and whether it is the stored signed original. */
    async verify(pdf: Buffer): Promise<TranscriptVerification> {
      const report = verifyPdf(pdf);
      const stored = report.transcriptId ? await repo.publicById(report.transcriptId) : null;
      const storedSignatures = stored ? await repo.signatures(stored.schoolId, [stored.id]) : [];
      const matchesStoredOriginal = Boolean(stored?.pdfSha256 && stored.pdfSha256 === report.sha256);
      const matchedSignature = storedSignatures.find((s) => s.revisionSha256 === report.sha256);
      const matchedRevision = matchedSignature
        ? matchedSignature.role === 'homeroom'
          ? ('homeroom_signed' as const)
          : ('principal_signed' as const)
        : null;
      const transcript = stored ? await publicStatus(stored.id) : null;
      const verdict: TranscriptVerification['verdict'] =
        report.signatures.length === 0
          ? 'unsigned'
          : !report.valid
            ? 'invalid'
            : matchesStoredOriginal
              ? 'valid_original'
              : matchedRevision
                ? 'valid_not_latest'
                : 'valid_unknown';
      const finalNote = stored?.status === 'principal_signed' ? '' : ' (Hiệu trưởng chưa phê duyệt)';
      const message = {
        unsigned: 'Tệp không có chữ ký số.',
        invalid: 'Không hợp lệ: tệp đã bị thay đổi sau khi ký hoặc chữ ký số không đúng.',
        valid_original: `Hợp lệ: đúng bản gốc học bạ số đã ký${finalNote}.`,
        valid_not_latest: 'Chữ ký hợp lệ nhưng đây là bản cũ: học bạ đã được ký thêm sau bản này.',
        valid_unknown: 'Chữ ký số hợp lệ nhưng không khớp với bản gốc nào được lưu trên hệ thống.',
      }[verdict];
      return {
        valid: report.valid,
        matchesStoredOriginal,
        matchedRevision: matchesStoredOriginal
          ? stored!.status === 'principal_signed'
            ? 'principal_signed'
            : 'homeroom_signed'
          : matchedRevision,
        verdict,
        message,
        sha256: report.sha256,
        size: report.size,
        transcript,
        signatures: report.signatures.map((s) => ({
          fieldName: s.fieldName,
          signerName: s.signerName,
          signerOrganization: s.signerOrganization,
          issuerName: s.issuerName,
          serialNumber: s.serialNumber,
          certificateFingerprint: s.certificateFingerprint,
          certificateValidFrom: s.certificateValidFrom,
          certificateValidTo: s.certificateValidTo,
          signingTime: s.signingTime,
          subFilter: s.subFilter,
          coversWholeDocument: s.coversWholeDocument,
          modifiedAfter: s.modifiedAfter,
          digestMatches: s.digestMatches,
          signatureValid: s.signatureValid,
          certificateValidAtSigningTime: s.certificateValidAtSigningTime,
          issuerVerified: s.issuerVerified,
          role: (storedSignatures.find((x) => x.revisionSha256 === s.revisionSha256)?.role ??
            null) as TranscriptSignRole | null,
          valid: s.valid,
          errors: s.errors,
        })),
        errors: report.errors,
      };
    },
  };
}
export type TranscriptsService = ReturnType<typeof createTranscriptsService>;
