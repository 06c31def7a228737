import type {
  Availability,
  Question,
  QuestionCreateBody,
  QuestionImportReport,
  QuestionReviewBody,
  QuestionSubmitBody,
  QuestionUpdateBody,
  SimilarQuestion,
  TestCreateBody,
  TestDetail,
  TestSummary,
  TestVersionView,
  VersionsBody,
} from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams, toQueryString, uploadFile } from '../../lib/api';

export type QuestionInput = z.input<typeof QuestionCreateBody>;
export type QuestionPatch = z.input<typeof QuestionUpdateBody>;
export type TestInput = z.input<typeof TestCreateBody>;
export type QuestionSaved = Question & { similar: SimilarQuestion[] };

export function useQuestions(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['question-bank', 'list', query],
    queryFn: () => api.get<Paged<Question>>('/api/questions', query),
    placeholderData: keepPreviousData,
    enabled,
    retry: false,
  });
}

export function useQuestion(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['question-bank', 'one', schoolId, id],
    queryFn: () => api.get<Question>(`/api/schools/${schoolId}/questions/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

export function useSimilar(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['question-bank', 'similar', schoolId, id],
    queryFn: () => api.get<SimilarQuestion[]>(`/api/schools/${schoolId}/questions/${id}/similar`),
    enabled: Boolean(schoolId && id),
  });
}

export function useAvailability(subjectCode: string | undefined, grade: number | undefined) {
  return useQuery({
    queryKey: ['question-bank', 'availability', subjectCode, grade],
    queryFn: () => api.get<Availability>('/api/questions/availability', { subjectCode, grade }),
    enabled: Boolean(subjectCode && grade),
  });
}

const invalidate = (qc: ReturnType<typeof useQueryClient>) =>
  qc.invalidateQueries({ queryKey: ['question-bank'] });

export function useSaveQuestion(schoolId: string | undefined, id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: QuestionInput | QuestionPatch) =>
      id
        ? api.patch<Question>(`/api/schools/${schoolId}/questions/${id}`, body)
        : api.post<QuestionSaved>(`/api/schools/${schoolId}/questions`, body),
    onSuccess: () => invalidate(qc),
  });
}

export function useSubmitQuestion(schoolId: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof QuestionSubmitBody>) =>
      api.post<Question>(`/api/schools/${schoolId}/questions/${id}/submit`, body),
    onSuccess: () => invalidate(qc),
  });
}

export function useReviewQuestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      schoolId,
      id,
      ...body
    }: { schoolId: string; id: string } & z.input<typeof QuestionReviewBody>) =>
      api.post<Question>(`/api/schools/${schoolId}/questions/${id}/review`, body),
    onSuccess: () => invalidate(qc),
  });
}

export function useDeleteQuestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ schoolId, id }: { schoolId: string; id: string }) =>
      api.delete<{ ok: true }>(`/api/schools/${schoolId}/questions/${id}`),
    onSuccess: () => invalidate(qc),
  });
}

export function useUploadMedia(schoolId: string | undefined) {
  return useMutation({
    mutationFn: (file: File) =>
      uploadFile<{ sha256: string; kind: 'image' | 'audio'; contentType: string; size: number }>(
        `/api/schools/${schoolId}/question-media`,
        file,
      ),
  });
}

export function useImportQuestions(schoolId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, query }: { file: File; query: QueryParams }) =>
      uploadFile<QuestionImportReport>(
        `/api/schools/${schoolId}/question-imports${toQueryString(query)}`,
        file,
      ),
    onSuccess: (r) => {
      if (r.imported > 0) void invalidate(qc);
    },
  });
}

export const mediaUrl = (schoolId: string, sha256: string) =>
  `/api/schools/${schoolId}/question-media/${sha256}`;
export const exportUrl = (query: QueryParams) => `/api/questions/export.zip${toQueryString(query)}`;
export const templateUrl = (format: 'docx' | 'xlsx') => `/api/question-imports/templates/${format}`;

// ---- tests (đề kiểm tra)
export function useTests(query: QueryParams) {
  return useQuery({
    queryKey: ['question-bank', 'tests', query],
    queryFn: () => api.get<Paged<TestSummary>>('/api/tests', query),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useTest(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: ['question-bank', 'test', schoolId, id],
    queryFn: () => api.get<TestDetail>(`/api/schools/${schoolId}/tests/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

export function useTestVersion(schoolId: string, id: string, code: string | null) {
  return useQuery({
    queryKey: ['question-bank', 'test-version', schoolId, id, code],
    queryFn: () => api.get<TestVersionView>(`/api/schools/${schoolId}/tests/${id}/versions/${code}`),
    enabled: Boolean(code),
  });
}

export function useCreateTest(schoolId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TestInput) => api.post<TestDetail>(`/api/schools/${schoolId}/tests`, body),
    onSuccess: () => invalidate(qc),
  });
}

export function useGenerateVersions(schoolId: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof VersionsBody>) =>
      api.post<TestDetail>(`/api/schools/${schoolId}/tests/${id}/versions`, body),
    onSuccess: () => invalidate(qc),
  });
}

export function useUpdateTest(schoolId: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      title?: string;
      status?: 'draft' | 'ready' | 'archived';
      scope?: 'own' | 'school' | 'department';
    }) => api.patch<TestDetail>(`/api/schools/${schoolId}/tests/${id}`, body),
    onSuccess: () => invalidate(qc),
  });
}

export const printUrl = (schoolId: string, id: string, code: string, key = true) =>
  `/api/schools/${schoolId}/tests/${id}/versions/${code}/print.pdf${key ? '' : '?key=0'}`;
export const answerKeyUrl = (schoolId: string, id: string) =>
  `/api/schools/${schoolId}/tests/${id}/answer-key.xlsx`;
