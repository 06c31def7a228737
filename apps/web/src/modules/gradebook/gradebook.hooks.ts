import type {
  ClassItem,
  ClassSummary,
  ConductSaveBody,
  ConductSheet,
  GradebookClass,
  GradeGrid,
  GradeGridSaveBody,
  GradeGridSaveResult,
  GradeImportReport,
  GradeResultPeriod,
  StudentReport,
  TeachingAssignment,
  UnlockRequest,
  UnlockRequestList,
} from '@smartedu/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type Paged, uploadFile } from '../../lib/api';

export type GridQuery = { classId: string; subjectId: string; termNo: number };

export const gradebookKeys = {
  all: ['gradebook'] as const,
  klass: (schoolId: string, classId: string) => ['gradebook', 'class', schoolId, classId] as const,
  grid: (schoolId: string, q: GridQuery) =>
    ['gradebook', 'grid', schoolId, q.classId, q.subjectId, q.termNo] as const,
  summary: (schoolId: string, classId: string, period: string) =>
    ['gradebook', 'summary', schoolId, classId, period] as const,
  conduct: (schoolId: string, classId: string, termNo: number) =>
    ['gradebook', 'conduct', schoolId, classId, termNo] as const,
  report: (schoolId: string, studentId: string) => ['gradebook', 'report', schoolId, studentId] as const,
  unlockRequests: (schoolId: string, f: { classId?: string; status?: string }) =>
    ['gradebook', 'unlock-requests', schoolId, f.classId ?? '', f.status ?? ''] as const,
};

const base = (schoolId: string) => `/api/schools/${schoolId}/gradebook`;

export function useGradebookClass(schoolId: string, classId: string) {
  return useQuery({
    queryKey: gradebookKeys.klass(schoolId, classId),
    queryFn: () => api.get<GradebookClass>(`${base(schoolId)}/classes/${classId}`),
    enabled: Boolean(schoolId && classId),
  });
}

export function useGradeGrid(schoolId: string, q: GridQuery | null) {
  return useQuery({
    queryKey: q ? gradebookKeys.grid(schoolId, q) : ['gradebook', 'grid', 'none'],
    queryFn: () => api.get<GradeGrid>(`${base(schoolId)}/grid`, q ?? undefined),
    enabled: Boolean(schoolId && q?.subjectId),
    // Autosave keeps the cache current; do not overwrite what is being typed on window focus.
    refetchOnWindowFocus: false,
  });
}

export function saveGridCells(schoolId: string, body: GradeGridSaveBody) {
  return apiRequest<GradeGridSaveResult>(`${base(schoolId)}/grid`, { method: 'PUT', body });
}

export function usePublishGrid(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GridQuery & { published: boolean }) =>
      api.post<{ published: boolean }>(`${base(schoolId)}/grid/publish`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gradebookKeys.all }),
  });
}

export function useImportGrid(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ q, file, dryRun }: { q: GridQuery; file: File; dryRun: boolean }) =>
      uploadFile<GradeImportReport>(
        `${base(schoolId)}/grid/import?classId=${q.classId}&subjectId=${q.subjectId}&termNo=${q.termNo}&dryRun=${dryRun}`,
        file,
      ),
    onSuccess: (report) => {
      if (report.committed) void queryClient.invalidateQueries({ queryKey: gradebookKeys.all });
    },
  });
}

export const gridFileUrl = (schoolId: string, q: GridQuery, kind: 'template' | 'export') =>
  `${base(schoolId)}/grid/${kind}.xlsx?classId=${q.classId}&subjectId=${q.subjectId}&termNo=${q.termNo}`;

export function useClassSummary(schoolId: string, classId: string, period: GradeResultPeriod) {
  return useQuery({
    queryKey: gradebookKeys.summary(schoolId, classId, period),
    queryFn: () => api.get<ClassSummary>(`${base(schoolId)}/classes/${classId}/summary`, { period }),
    enabled: Boolean(schoolId && classId),
  });
}

export function useConductSheet(schoolId: string, classId: string, termNo: number) {
  return useQuery({
    queryKey: gradebookKeys.conduct(schoolId, classId, termNo),
    queryFn: () => api.get<ConductSheet>(`${base(schoolId)}/classes/${classId}/conduct`, { termNo }),
    enabled: Boolean(schoolId && classId),
  });
}

export function useSaveConduct(schoolId: string, classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConductSaveBody) =>
      apiRequest<ConductSheet>(`${base(schoolId)}/classes/${classId}/conduct`, { method: 'PUT', body }),
    onSuccess: (sheet) => {
      queryClient.setQueryData(gradebookKeys.conduct(schoolId, classId, sheet.termNo), sheet);
      void queryClient.invalidateQueries({ queryKey: ['gradebook', 'summary', schoolId, classId] });
    },
  });
}

export function useLockTerm(schoolId: string, classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { termNo: number; reason?: string; unlock?: boolean }) =>
      api.post<GradebookClass>(`${base(schoolId)}/classes/${classId}/${body.unlock ? 'unlock' : 'lock'}`, {
        termNo: body.termNo,
        ...(body.unlock ? { reason: body.reason } : {}),
      }),
    onSuccess: (overview) => {
      queryClient.setQueryData(gradebookKeys.klass(schoolId, classId), overview);
      void queryClient.invalidateQueries({ queryKey: gradebookKeys.all });
    },
  });
}

export function useStudentReport(schoolId: string, studentId: string) {
  return useQuery({
    queryKey: gradebookKeys.report(schoolId, studentId),
    queryFn: () => api.get<StudentReport>(`/api/schools/${schoolId}/students/${studentId}/report`),
    enabled: Boolean(schoolId && studentId),
  });
}

/** A teacher's class-subjects (phân công giảng dạy). */
export function useMyAssignments(schoolId: string | null, staffId: string | null) {
  return useQuery({
    queryKey: ['gradebook', 'assignments', schoolId, staffId],
    queryFn: () => api.get<TeachingAssignment[]>(`/api/schools/${schoolId}/assignments`, { staffId }),
    enabled: Boolean(schoolId && staffId),
  });
}

export function useSchoolClasses(schoolId: string | null) {
  return useQuery({
    queryKey: ['gradebook', 'classes', schoolId],
    queryFn: () => api.get<Paged<ClassItem>>('/api/classes', { schoolId, pageSize: 500 }),
    enabled: Boolean(schoolId),
  });
}

/** Đề nghị mở khoá: the principal's (all of the school) or the teacher's own. */
export function useUnlockRequests(schoolId: string | null, f: { classId?: string; status?: string } = {}) {
  return useQuery({
    queryKey: gradebookKeys.unlockRequests(schoolId ?? '', f),
    queryFn: () =>
      api.get<UnlockRequestList>(`${base(schoolId!)}/unlock-requests`, {
        ...(f.classId ? { classId: f.classId } : {}),
        ...(f.status ? { status: f.status } : {}),
      }),
    enabled: Boolean(schoolId),
  });
}

export function useFileUnlockRequest(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { classId: string; subjectId: string; termNo: number; reason: string }) =>
      api.post<UnlockRequest>(`${base(schoolId)}/unlock-requests`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['gradebook', 'unlock-requests', schoolId] }),
  });
}

export function useDecideUnlockRequest(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (d: { id: string; approve: boolean; text: string }) =>
      api.post<UnlockRequest>(
        `${base(schoolId)}/unlock-requests/${d.id}/${d.approve ? 'approve' : 'reject'}`,
        d.approve ? (d.text.trim() ? { note: d.text.trim() } : {}) : { reason: d.text.trim() },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gradebookKeys.all }),
  });
}
