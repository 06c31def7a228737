import { z } from 'zod';
import { PageQuery, Uuid } from './common';

/**
 * Công khai (public disclosure, Circular 09/2024/TT-BGDĐT) and citizens' feedback (góp ý, phản ánh).
 * Sections follow the circular's headings for a general education institution: general information and
 * organisation, conditions assuring quality (staff, facilities), finance, admission / enrolment plan, education
 * plan and results, quality commitments and accreditation.
 */
export const DisclosureSection = z.enum([
  'general', // thông tin chung
  'organisation', // tổ chức bộ máy
  'commitments', // cam kết chất lượng giáo dục
  'staff', // đội ngũ nhà giáo, cán bộ quản lý, nhân viên
  'facilities', // cơ sở vật chất
  'finance', // tài chính, học phí và các khoản thu
  'admission', // kế hoạch tuyển sinh
  'results', // kế hoạch và kết quả hoạt động giáo dục
  'accreditation', // kiểm định chất lượng, trường chuẩn quốc gia
  'annual_report', // báo cáo thường niên
]);
export type DisclosureSection = z.infer<typeof DisclosureSection>;

export const DisclosureDocument = z.object({
  id: Uuid,
  section: DisclosureSection,
  title: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
  url: z.string(),
});
export type DisclosureDocument = z.infer<typeof DisclosureDocument>;

export const Figure = z.object({ key: z.string(), label: z.string(), value: z.number().nullable() });
export type Figure = z.infer<typeof Figure>;

export const DisclosureSectionBlock = z.object({
  section: DisclosureSection,
  /** Figures generated from the data (registry counts, rollups); empty when the section relies on documents. */
  figures: z.array(Figure),
  rows: z.array(
    z.object({ label: z.string(), values: z.array(z.union([z.string(), z.number(), z.null()])) }),
  ),
  columns: z.array(z.string()),
  documents: z.array(DisclosureDocument),
});
export type DisclosureSectionBlock = z.infer<typeof DisclosureSectionBlock>;

export const DisclosurePage = z.object({
  unit: z.object({
    id: Uuid,
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    schoolLevel: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    parentName: z.string().nullable(),
  }),
  schoolYear: z.string().nullable(),
  generatedAt: z.string(),
  sections: z.array(DisclosureSectionBlock),
  /** For a department: its schools, each linking to its own page. */
  schools: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      schoolLevel: z.string().nullable(),
      students: z.number().nullable(),
      classes: z.number().nullable(),
    }),
  ),
});
export type DisclosurePage = z.infer<typeof DisclosurePage>;

export const DocumentUploadQuery = z.object({
  section: DisclosureSection,
  title: z.string().trim().min(1).max(300),
});
export const DocumentListQuery = z.object({ section: DisclosureSection.optional() });

// ---- feedback
export const FeedbackStatus = z.enum(['new', 'in_progress', 'answered']);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;
/** Plain text only: control characters other than line breaks and tabs are refused. */
const plain = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'Chỉ nhận văn bản thuần');
export const FeedbackCreateBody = z.object({
  unitCode: z.string().trim().min(1).max(60),
  name: plain(1, 120).optional(),
  contact: plain(3, 160),
  subject: plain(3, 200),
  message: plain(10, 4000),
  /** Honeypot: a field people never see; bots fill it. */
  website: z.string().max(200).optional(),
});
export type FeedbackCreateBody = z.infer<typeof FeedbackCreateBody>;
export const FeedbackCreated = z.object({ trackingCode: z.string(), status: FeedbackStatus });
export const FeedbackLookupBody = z.object({ trackingCode: z.string().trim().min(6).max(20) });
export const FeedbackPublicStatus = z.object({
  trackingCode: z.string(),
  unitName: z.string(),
  subject: z.string(),
  status: FeedbackStatus,
  createdAt: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type FeedbackPublicStatus = z.infer<typeof FeedbackPublicStatus>;

export const Feedback = z.object({
  id: Uuid,
  schoolId: Uuid,
  unitName: z.string(),
  trackingCode: z.string(),
  name: z.string().nullable(),
  contact: z.string(),
  subject: z.string(),
  message: z.string(),
  status: FeedbackStatus,
  assigneeUserId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Feedback = z.infer<typeof Feedback>;
export const FeedbackListQuery = PageQuery.extend({
  unitId: Uuid.optional(),
  status: FeedbackStatus.optional(),
});
export const FeedbackUpdateBody = z.object({
  status: FeedbackStatus.optional(),
  /** Assign to oneself ('me') or clear (null). */
  assignee: z.enum(['me']).nullable().optional(),
  answer: plain(1, 8000).optional(),
});
export type FeedbackUpdateBody = z.infer<typeof FeedbackUpdateBody>;
