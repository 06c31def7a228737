import type { ClassCreateBody, ClassItem, ClassUpdateBody } from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type ClassCreateInput = z.input<typeof ClassCreateBody>;
export type ClassUpdateInput = z.input<typeof ClassUpdateBody>;

export function useClasses(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['classes', 'list', query],
    queryFn: () => api.get<Paged<ClassItem>>('/api/classes', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClass(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['classes', 'one', schoolId, id],
    queryFn: () => api.get<ClassItem>(`/api/schools/${schoolId}/classes/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

/** Classes of one school (for pickers), current year first as the API orders them. */
export function useClassOptions(schoolId: string | undefined, schoolYearId?: string) {
  const query = useClasses({ schoolId, schoolYearId, pageSize: 500 }, Boolean(schoolId));
  const options = (query.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.name} (${c.schoolYearName})`,
  }));
  return { ...query, options };
}

export function useCreateClass(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassCreateInput) => api.post<ClassItem>(`/api/schools/${schoolId}/classes`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['classes'] }),
  });
}

export function useUpdateClass(schoolId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClassUpdateInput) =>
      api.patch<ClassItem>(`/api/schools/${schoolId}/classes/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['classes'] }),
  });
}
