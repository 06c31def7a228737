import type { Unit, UnitCreateBody, UnitUpdateBody } from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type UnitNode = Unit & { children: UnitNode[] };
export type UnitCreateInput = z.input<typeof UnitCreateBody>;
export type UnitUpdateInput = z.input<typeof UnitUpdateBody>;

export function useUnitTree() {
  return useQuery({
    queryKey: ['units', 'tree'],
    queryFn: () => api.get<UnitNode[]>('/api/units/tree'),
    staleTime: 5 * 60_000,
  });
}

export function useUnits(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['units', 'list', query],
    queryFn: () => api.get<Paged<Unit>>('/api/units', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: ['units', 'one', id],
    queryFn: () => api.get<Unit>(`/api/units/${id}`),
    enabled: Boolean(id),
  });
}

/** Schools in the caller's scope, for filters and pickers. */
export function useSchoolOptions() {
  const query = useQuery({
    queryKey: ['units', 'school-options'],
    queryFn: () => api.get<Paged<Unit>>('/api/units', { kind: 'school', pageSize: 500 }),
    staleTime: 5 * 60_000,
  });
  const options = (query.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return { ...query, options };
}

export function useUpdateUnit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitUpdateInput) => api.patch<Unit>(`/api/units/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UnitCreateInput) => api.post<Unit>('/api/units', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}
