import type { StaffCreateBody, StaffMember, StaffUpdateBody } from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type StaffCreateInput = z.input<typeof StaffCreateBody>;
export type StaffUpdateInput = z.input<typeof StaffUpdateBody>;

export function useStaffList(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['staff', 'list', query],
    queryFn: () => api.get<Paged<StaffMember>>('/api/staff', query),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });
}

export function useStaffMember(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['staff', 'one', schoolId, id],
    queryFn: () => api.get<StaffMember>(`/api/schools/${schoolId}/staff/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

/** Teachers of one school, for the homeroom-teacher picker. */
export function useTeacherOptions(schoolId: string | undefined) {
  const query = useStaffList({ schoolId, category: 'teacher', pageSize: 500 }, Boolean(schoolId));
  const options = (query.data?.items ?? []).map((s) => ({ value: s.id, label: s.fullName }));
  return { ...query, options };
}

export function useCreateStaff(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreateInput) => api.post<StaffMember>(`/api/schools/${schoolId}/staff`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export function useUpdateStaff(schoolId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffUpdateInput) =>
      api.patch<StaffMember>(`/api/schools/${schoolId}/staff/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}
