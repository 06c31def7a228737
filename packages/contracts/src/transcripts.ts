import { z } from 'zod';
import { PageQuery, Uuid } from './common';

// ---- Học bạ số (digital transcripts)

/**
 * draft: generated from the gradebook, subject rows not all confirmed; confirming: some subject teachers have
 * confirmed; homeroom_signed: the homeroom teacher (GVCN) signed; principal_signed: the principal signed (final).
 */
export const TranscriptStatus = z.enum(['draft', 'confirming', 'homeroom_signed', 'principal_signed']);
export type TranscriptStatus = z.infer<typeof TranscriptStatus>;
export const TranscriptSignRole = z.enum(['homeroom', 'principal']);
export type TranscriptSignRole = z.infer<typeof TranscriptSignRole>;

export const TranscriptListQuery = PageQuery.extend({
  schoolId: Uuid.optional(),
  classId: Uuid.optional(),
  schoolYearId: Uuid.optional(),
  studentId: Uuid.optional(),
  status: TranscriptStatus.optional(),
});

export const TranscriptSignatureInfo = z.object({
  role: TranscriptSignRole,
  signerName: z.string(),
  certificateIssuer: z.string().nullable(),
  certificateSerial: z.string(),
  certificateFingerprint: z.string(),
  signedAt: z.string(),
  revisionSha256: z.string(),
});
export type TranscriptSignatureInfo = z.infer<typeof TranscriptSignatureInfo>;

export const TranscriptItem = z.object({
  id: Uuid,
  schoolId: Uuid,
  studentId: Uuid,
  studentName: z.string(),
  sectorId: z.string(),
  classId: Uuid,
  className: z.string(),
  schoolYearId: Uuid,
  schoolYear: z.string(),
  level: z.enum(['TH', 'THCS', 'THPT']),
  status: TranscriptStatus,
  subjectCount: z.number().int(),
  confirmedCount: z.number().int(),
  signatures: z.array(TranscriptSignatureInfo),
  pdfSha256: z.string().nullable(),
  generatedAt: z.string(),
  updatedAt: z.string(),
});
export type TranscriptItem = z.infer<typeof TranscriptItem>;

export const TranscriptSubjectState = z.object({
  subjectId: Uuid,
  code: z.string(),
  name: z.string(),
  teacherName: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export const TranscriptDetail = TranscriptItem.extend({
  subjects: z.array(TranscriptSubjectState),
  /** The data snapshot the PDF is rendered from (see the structured export for the documented fields). */
  data: z.record(z.string(), z.unknown()),
});
export type TranscriptDetail = z.infer<typeof TranscriptDetail>;

export const TranscriptGenerateBody = z.object({ classId: Uuid });
export const TranscriptGenerateResult = z.object({
  total: z.number().int(),
  created: z.number().int(),
  refreshed: z.number().int(),
  unchanged: z.number().int(),
  /** Already signed by the homeroom teacher or the principal: left as they are. */
  skippedSigned: z.number().int(),
  /** Confirmations dropped because the confirmed row changed. */
  confirmationsDropped: z.number().int(),
});
export type TranscriptGenerateResult = z.infer<typeof TranscriptGenerateResult>;

export const TranscriptConfirmBody = z.object({ classId: Uuid, subjectId: Uuid });
export const TranscriptConfirmResult = z.object({
  confirmed: z.number().int(),
  alreadyConfirmed: z.number().int(),
  /** Transcripts of the class without this subject, or already signed. */
  skipped: z.number().int(),
});
export type TranscriptConfirmResult = z.infer<typeof TranscriptConfirmResult>;

/**
 * Signing is multipart/form-data: `role` (homeroom | principal), `password` (of the PKCS#12 file) and one file
 * (the signer's own .p12 / .pfx). The server signs in memory and never stores the file or the password.
 * The class route takes `classId` too and signs every transcript of the class that is ready for this role.
 */
export const TranscriptSignFields = z.object({
  role: TranscriptSignRole,
  password: z.string().max(200),
  classId: Uuid.optional(),
});
export const TranscriptSignResult = z.object({
  signed: z.array(z.object({ id: Uuid, status: TranscriptStatus })),
  /** Class signing: transcripts not ready for this role (not all subjects confirmed, or already signed). */
  skipped: z.array(z.object({ id: Uuid, reason: z.string() })),
  signerName: z.string(),
  certificateFingerprint: z.string(),
});
export type TranscriptSignResult = z.infer<typeof TranscriptSignResult>;

/** One transcript a class signing did not sign, and why. */
export const TranscriptSignIssue = z.object({
  transcriptId: Uuid,
  studentName: z.string(),
  reason: z.string(),
});
/**
 * Ký học bạ cả lớp runs as a background job: 202 with this, then its status until `done` (every transcript
 * tried: `signed`, `skipped` not ready, `errors` failed) or `failed` (the job could not run).
 */
export const TranscriptSignJob = z.object({
  id: Uuid,
  /** The queue's job id. */
  jobId: z.number().int().nullable(),
  classId: Uuid,
  role: TranscriptSignRole,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  signed: z.number().int(),
  skipped: z.array(TranscriptSignIssue),
  errors: z.array(TranscriptSignIssue),
  message: z.string().nullable(),
  signerName: z.string().nullable(),
  certificateFingerprint: z.string().nullable(),
  requestedByName: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TranscriptSignJob = z.infer<typeof TranscriptSignJob>;
export const TranscriptSignJobQuery = z.object({ classId: Uuid });
/** The latest class signings of a class (newest first), so that a page can show one still running. */
export const TranscriptSignJobList = z.object({ items: z.array(TranscriptSignJob) });

export const TranscriptExportQuery = z.object({ classId: Uuid });
/** The class archive holds the signed PDFs; `drafts=true` adds unsigned drafts rendered on the fly. */
export const TranscriptArchiveQuery = z.object({
  classId: Uuid,
  drafts: z.enum(['true', 'false']).optional(),
});

// ---- Public verification (no login)

export const VerifiedSignature = z.object({
  fieldName: z.string().nullable(),
  signerName: z.string().nullable(),
  signerOrganization: z.string().nullable(),
  issuerName: z.string().nullable(),
  serialNumber: z.string().nullable(),
  certificateFingerprint: z.string().nullable(),
  certificateValidFrom: z.string().nullable(),
  certificateValidTo: z.string().nullable(),
  signingTime: z.string().nullable(),
  subFilter: z.string().nullable(),
  coversWholeDocument: z.boolean(),
  /** no | signatures_only (only later signatures were added) | yes (content changed after signing). */
  modifiedAfter: z.enum(['no', 'signatures_only', 'yes']),
  digestMatches: z.boolean(),
  signatureValid: z.boolean(),
  certificateValidAtSigningTime: z.boolean(),
  issuerVerified: z.boolean(),
  /** The signer's role in the stored transcript, when the revision matches a stored signature. */
  role: TranscriptSignRole.nullable(),
  valid: z.boolean(),
  errors: z.array(z.string()),
});
export type VerifiedSignature = z.infer<typeof VerifiedSignature>;

/** What the public may learn about a transcript: no grades, the student's name masked. */
export const TranscriptPublicStatus = z.object({
  id: Uuid,
  status: TranscriptStatus,
  studentName: z.string(),
  className: z.string(),
  schoolName: z.string(),
  schoolYear: z.string(),
  signedSha256: z.string().nullable(),
  signatures: z.array(z.object({ role: TranscriptSignRole, signerName: z.string(), signedAt: z.string() })),
});
export type TranscriptPublicStatus = z.infer<typeof TranscriptPublicStatus>;

export const TranscriptVerification = z.object({
  /** Every signature verifies and the last one covers the whole file. */
  valid: z.boolean(),
  /** The file is byte for byte the stored signed original (its SHA-256 matches). */
  matchesStoredOriginal: z.boolean(),
  /** Which stored revision the file is: the homeroom-signed one or the final principal-signed one. */
  matchedRevision: z.enum(['homeroom_signed', 'principal_signed']).nullable(),
  /** valid_original | valid_not_latest | valid_unknown | invalid | unsigned */
  verdict: z.enum(['valid_original', 'valid_not_latest', 'valid_unknown', 'invalid', 'unsigned']),
  message: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  transcript: TranscriptPublicStatus.nullable(),
  signatures: z.array(VerifiedSignature),
  errors: z.array(z.string()),
});
export type TranscriptVerification = z.infer<typeof TranscriptVerification>;
