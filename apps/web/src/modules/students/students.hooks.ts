import type {
  Student,
  StudentCreateBody,
  StudentDetail,
  StudentTransferBody,
  StudentUpdateBody,
} from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type StudentDetailData = z.infer<typeof StudentDetail>;
export type StudentCreateInput = z.input<typeof StudentCreateBody>;
export type StudentUpdateInput = z.input<typeof StudentUpdateBody>;
export type StudentTransferInput = z.input<typeof StudentTransferBody>;

export function useStudents(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['students', 'list', query],
    queryFn: () => api.get<Paged<Student>>('/api/students', query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStudent(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['students', 'one', schoolId, id],
    queryFn: () => api.get<StudentDetailData>(`/api/schools/${schoolId}/students/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

function useInvalidateStudents() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['students'] });
    void queryClient.invalidateQueries({ queryKey: ['classes'] });
  };
}

export function useCreateStudent(schoolId: string) {
  const invalidate = useInvalidateStudents();
  return useMutation({
    mutationFn: (body: StudentCreateInput) => api.post<Student>(`/api/schools/${schoolId}/students`, body),
    onSuccess: invalidate,
  });
}

export function useUpdateStudent(schoolId: string, id: string) {
  const invalidate = useInvalidateStudents();
  return useMutation({
    mutationFn: (body: StudentUpdateInput) =>
      api.patch<Student>(`/api/schools/${schoolId}/students/${id}`, body),
    onSuccess: invalidate,
  });
}

/** Chuyển lớp / chuyển trường. */
export function useTransferStudent(schoolId: string, id: string) {
  const invalidate = useInvalidateStudents();
  return useMutation({
    mutationFn: (body: StudentTransferInput) =>
      api.post<Student>(`/api/schools/${schoolId}/students/${id}/transfer`, body),
    onSuccess: invalidate,
  });
}
