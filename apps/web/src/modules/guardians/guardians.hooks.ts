import type { Guardian, GuardianCreateBody, GuardianUpdateBody } from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type GuardianCreateInput = z.input<typeof GuardianCreateBody>;
export type GuardianUpdateInput = z.input<typeof GuardianUpdateBody>;

export function useGuardians(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['guardians', 'list', query],
    queryFn: () => api.get<Paged<Guardian>>('/api/guardians', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGuardian(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['guardians', 'one', schoolId, id],
    queryFn: () => api.get<Guardian>(`/api/schools/${schoolId}/guardians/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['guardians'] });
    void queryClient.invalidateQueries({ queryKey: ['students', 'one'] });
  };
}

export function useCreateGuardian(schoolId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: GuardianCreateInput) => api.post<Guardian>(`/api/schools/${schoolId}/guardians`, body),
    onSuccess: invalidate,
  });
}

export function useUpdateGuardian(schoolId: string, id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: GuardianUpdateInput) =>
      api.patch<Guardian>(`/api/schools/${schoolId}/guardians/${id}`, body),
    onSuccess: invalidate,
  });
}
