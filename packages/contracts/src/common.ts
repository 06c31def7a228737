import { z } from 'zod';

export const Uuid = z.uuid();
/** ISO calendar date 'YYYY-MM-DD'. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  q: z.string().trim().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const paged = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** Every error the API returns: an English machine code and a Vietnamese (or English) message. */
export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const OkBody = z.object({ ok: z.literal(true) });

export const Gender = z.enum(['M', 'F']);
export const Poverty = z.enum(['none', 'near_poor', 'poor']);
export const Orphan = z.enum(['none', 'one_parent', 'both']);
export const SchoolLevel = z.enum(['MN', 'TH', 'THCS', 'THPT', 'TH_THCS', 'THCS_THPT', 'TH_THCS_THPT']);
export const UnitKind = z.enum(['province_department', 'district_department', 'school', 'school_site']);
