import { z } from 'zod';
import { Uuid } from './common';
import { PlainText } from './plain-text';

/**
 * Personal data of students (Decree 13/2023/NĐ-CP; Personal Data Protection Law): a guardian's request for
 * everything held about a child, anonymisation of a departed student's non-archival data, and consent records
 * for optional processing.
 */

/** Optional processing that needs a guardian's consent: photos, a face template for attendance terminals,
 * contact through Zalo or SMS. */
export const ConsentPurpose = z.enum(['photo', 'face_template', 'contact_zalo', 'contact_sms']);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;
export const ConsentStatus = z.enum(['given', 'withdrawn']);

/** The version of the privacy notice a guardian is shown now; a decision records the version it was made on. */
export const CURRENT_NOTICE_VERSION = '2025-01';

export const ConsentBody = z.object({
  purpose: ConsentPurpose,
  status: ConsentStatus,
  noticeVersion: z.string().trim().min(1).max(40),
  /** Recorded by the school from a signed paper form: the guardian who signed. A guardian online: omitted. */
  guardianId: Uuid.optional(),
});
export type ConsentBody = z.infer<typeof ConsentBody>;

export const ConsentRecord = z.object({
  id: Uuid,
  purpose: ConsentPurpose,
  status: ConsentStatus,
  noticeVersion: z.string(),
  guardianId: Uuid.nullable(),
  guardianName: z.string().nullable(),
  channel: z.enum(['paper', 'online']),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const StudentConsents = z.object({
  studentId: Uuid,
  currentNoticeVersion: z.string(),
  /** One per purpose: the latest decision, or null when never asked (treated as not given). */
  current: z.array(z.object({ purpose: ConsentPurpose, record: ConsentRecord.nullable() })),
  history: z.array(ConsentRecord),
});
export type StudentConsents = z.infer<typeof StudentConsents>;

/** Everything held about one student, by module and table; secrets (hashes, tokens) are never included. */
export const PersonalDataExport = z.object({
  generatedAt: z.string(),
  school: z.object({ id: Uuid, name: z.string() }),
  student: z.object({ id: Uuid, sectorId: z.string(), fullName: z.string() }),
  sections: z.array(
    z.object({
      module: z.string(),
      table: z.string(),
      title: z.string(),
      rows: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});
export type PersonalDataExport = z.infer<typeof PersonalDataExport>;

export const AnonymiseBody = z.object({
  /** The student's sector id (mã định danh) typed again, as a confirmation. */
  confirmSectorId: z.string().trim().min(1).max(40),
  reason: PlainText(500).pipe(z.string().min(5, 'Hãy ghi lý do (ít nhất 5 ký tự)')),
});
export const AnonymiseResult = z.object({
  studentId: Uuid,
  /** Rows changed or removed per table. */
  changed: z.record(z.string(), z.number().int()),
  /** Archival records kept as the law on records requires. */
  kept: z.array(z.string()),
});
export type AnonymiseResult = z.infer<typeof AnonymiseResult>;
