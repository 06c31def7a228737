import type { CreateUserBody, UserSummary } from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type CreateUserInput = z.input<typeof CreateUserBody>;

export function useUsers(query: QueryParams) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () => api.get<Paged<UserSummary>>('/api/users', query),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserInput) => api.post<{ id: string }>('/api/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      api.post<{ ok: true }>(`/api/users/${id}/disabled`, { disabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
