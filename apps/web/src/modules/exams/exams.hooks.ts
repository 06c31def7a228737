import type {
  AttemptDetail,
  Exam,
  ExamAnalysis,
  ExamCreateBody,
  ExamSession,
  GradeEssayBody,
  MyExam,
  ProctorView,
  ResultRow,
  StudentExamResult,
  SubmitResult,
} from '@smartedu/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Paged } from '../../lib/api';

export const examKeys = {
  all: ['exams'] as const,
  list: (q: Record<string, unknown>) => ['exams', 'list', q] as const,
  mine: ['exams', 'mine'] as const,
  one: (id: string) => ['exams', 'one', id] as const,
  proctor: (id: string) => ['exams', 'proctor', id] as const,
  results: (id: string) => ['exams', 'results', id] as const,
  analysis: (id: string, unitId?: string) => ['exams', 'analysis', id, unitId ?? ''] as const,
  attempt: (schoolId: string, id: string) => ['exams', 'attempt', schoolId, id] as const,
  studentResults: (schoolId: string, studentId: string) => ['exams', 'student', schoolId, studentId] as const,
};

export function useExams(q: { page?: number; q?: string; phase?: string }) {
  return useQuery({
    queryKey: examKeys.list(q),
    queryFn: () => api.get<Paged<Exam>>('/api/exams', { pageSize: 50, ...q }),
  });
}

export function useMyExams(enabled = true) {
  return useQuery({ queryKey: examKeys.mine, queryFn: () => api.get<MyExam[]>('/api/exams/mine'), enabled });
}

export function useExam(id: string) {
  return useQuery({ queryKey: examKeys.one(id), queryFn: () => api.get<Exam>(`/api/exams/${id}`) });
}

export function useCreateExam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExamCreateBody) => api.post<Exam>('/api/exams', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: examKeys.all }),
  });
}

/** The live proctor view: refreshed every 5 seconds while open. */
export function useProctor(id: string, live: boolean) {
  return useQuery({
    queryKey: examKeys.proctor(id),
    queryFn: () => api.get<ProctorView>(`/api/exams/${id}/proctor`),
    refetchInterval: live ? 5000 : false,
  });
}

export function useResults(id: string) {
  return useQuery({
    queryKey: examKeys.results(id),
    queryFn: () => api.get<Paged<ResultRow>>(`/api/exams/${id}/results`, { pageSize: 500 }),
  });
}

export function useAnalysis(id: string, unitId?: string) {
  return useQuery({
    queryKey: examKeys.analysis(id, unitId),
    queryFn: () => api.get<ExamAnalysis>(`/api/exams/${id}/analysis`, { unitId }),
  });
}

export function useRefreshAnalysis(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ExamAnalysis>(`/api/exams/${id}/analysis`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['exams', 'analysis', id] }),
  });
}

export function useRelease(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (released: boolean) => api.post<Exam>(`/api/exams/${id}/release`, { released }),
    onSuccess: () => qc.invalidateQueries({ queryKey: examKeys.all }),
  });
}

export function useAttempt(schoolId: string, id: string) {
  return useQuery({
    queryKey: examKeys.attempt(schoolId, id),
    queryFn: () => api.get<AttemptDetail>(`/api/schools/${schoolId}/exam-attempts/${id}`),
  });
}

export function useGradeEssay(schoolId: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GradeEssayBody) =>
      api.post(`/api/schools/${schoolId}/exam-attempts/${id}/grades`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: examKeys.all }),
  });
}

export function useStudentResults(schoolId: string | null, studentId: string | null) {
  return useQuery({
    queryKey: examKeys.studentResults(schoolId ?? '', studentId ?? ''),
    queryFn: () =>
      api.get<StudentExamResult[]>(`/api/schools/${schoolId}/students/${studentId}/exam-results`),
    enabled: Boolean(schoolId && studentId),
  });
}

export const startAttempt = (examId: string) => api.post<ExamSession>(`/api/exams/${examId}/attempts`);
export const submitAttempt = (schoolId: string, attemptId: string) =>
  api.post<SubmitResult>(`/api/schools/${schoolId}/exam-attempts/${attemptId}/submit`);
