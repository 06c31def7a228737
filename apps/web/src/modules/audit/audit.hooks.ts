import type { AuditEntry } from '@smartedu/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type AuditEntryData = z.infer<typeof AuditEntry>;

export function useAuditLog(query: QueryParams) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<Paged<AuditEntryData>>('/api/audit', query),
    placeholderData: keepPreviousData,
  });
}
