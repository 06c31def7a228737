import type {
  ClassItem,
  TranscriptConfirmResult,
  TranscriptDetail,
  TranscriptGenerateResult,
  TranscriptItem,
  TranscriptPublicStatus,
  TranscriptSignJob,
  TranscriptSignResult,
  TranscriptSignRole,
  TranscriptVerification,
} from '@smartedu/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Paged } from '../../lib/api';
import { useMe } from '../auth/auth.hooks';

export const transcriptKeys = {
  all: ['transcripts'] as const,
  list: (classId: string | null) => ['transcripts', 'list', classId] as const,
  detail: (schoolId: string, id: string) => ['transcripts', 'detail', schoolId, id] as const,
  publicStatus: (id: string) => ['transcripts', 'public', id] as const,
};

const base = (schoolId: string) => `/api/schools/${schoolId}/transcripts`;
export const pdfUrl = (t: Pick<TranscriptItem, 'schoolId' | 'id'>) => `${base(t.schoolId)}/${t.id}/pdf`;
export const archiveUrl = (schoolId: string, classId: string) =>
  `${base(schoolId)}/archive.zip?classId=${classId}`;
export const exportUrl = (schoolId: string, classId: string) =>
  `${base(schoolId)}/export.json?classId=${classId}`;

export function useTranscriptClasses(schoolId: string | null) {
  return useQuery({
    queryKey: ['transcripts', 'classes', schoolId],
    queryFn: () => api.get<Paged<ClassItem>>('/api/classes', { schoolId, pageSize: 500 }),
    enabled: Boolean(schoolId),
  });
}

/** Transcripts the user may read: a class's (staff), or the family's own (no class filter). */
export function useTranscripts(classId: string | null, enabled = true) {
  return useQuery({
    queryKey: transcriptKeys.list(classId),
    queryFn: () => api.get<Paged<TranscriptItem>>('/api/transcripts', { classId, pageSize: 500 }),
    enabled,
  });
}

export function useTranscript(schoolId: string, id: string | null) {
  return useQuery({
    queryKey: transcriptKeys.detail(schoolId, id ?? ''),
    queryFn: () => api.get<TranscriptDetail>(`${base(schoolId)}/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

export function useGenerateTranscripts(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (classId: string) =>
      api.post<TranscriptGenerateResult>(`${base(schoolId)}/generate`, { classId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: transcriptKeys.all }),
  });
}

export function useConfirmSubject(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { classId: string; subjectId: string }) =>
      api.post<TranscriptConfirmResult>(`${base(schoolId)}/confirm`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: transcriptKeys.all }),
  });
}

/** Posts a multipart form (fields and one file) and returns the JSON answer, or throws an ApiError. */
async function postForm<T>(url: string, form: FormData, csrfToken: string | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: form,
      credentials: csrfToken ? 'include' : 'omit',
      headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ');
  }
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const b = (body ?? {}) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(res.status, b.code ?? `HTTP_${res.status}`, b.message ?? res.statusText, b.details);
  }
  return body as T;
}

export type SignInput = {
  role: TranscriptSignRole;
  file: File;
  password: string;
  /** One transcript, or every ready transcript of the class. */
  transcriptId?: string;
  classId?: string;
};

/** What a signature request gives back: one transcript signed now, or a class signing queued as a job. */
export type SignOutcome =
  | { kind: 'single'; result: TranscriptSignResult }
  | { kind: 'class'; job: TranscriptSignJob };

/**
 * Ký số: the .p12 and its password go to the server once, for this signature only (one transcript at once; a
 * whole class as a background job whose progress `useSignJob` follows).
 */
export function useSignTranscripts(schoolId: string) {
  const queryClient = useQueryClient();
  const me = useMe();
  return useMutation({
    mutationFn: async (input: SignInput): Promise<SignOutcome> => {
      const form = new FormData();
      form.append('role', input.role);
      form.append('password', input.password);
      if (input.classId) form.append('classId', input.classId);
      form.append('file', input.file, input.file.name);
      if (input.transcriptId) {
        const url = `${base(schoolId)}/${input.transcriptId}/sign`;
        return {
          kind: 'single',
          result: await postForm<TranscriptSignResult>(url, form, me.data?.csrfToken ?? null),
        };
      }
      const job = await postForm<TranscriptSignJob>(
        `${base(schoolId)}/sign`,
        form,
        me.data?.csrfToken ?? null,
      );
      return { kind: 'class', job };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: transcriptKeys.all }),
  });
}

/** The latest class signings of a class (to show one still running when the signing window opens again). */
export function useSignJobs(schoolId: string, classId: string | null) {
  return useQuery({
    queryKey: ['transcripts', 'sign-jobs', schoolId, classId ?? ''],
    queryFn: () =>
      api.get<{ items: TranscriptSignJob[] }>(`${base(schoolId)}/sign-jobs`, { classId: classId! }),
    enabled: Boolean(schoolId && classId),
  });
}

/** Progress of a class signing, polled every second until it is done or failed. */
export function useSignJob(schoolId: string, id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['transcripts', 'sign-job', schoolId, id ?? ''],
    queryFn: async () => {
      const job = await api.get<TranscriptSignJob>(`${base(schoolId)}/sign-jobs/${id}`);
      if (job.status === 'done' || job.status === 'failed')
        void queryClient.invalidateQueries({ queryKey: transcriptKeys.all });
      return job;
    },
    enabled: Boolean(schoolId && id),
    refetchInterval: (q) =>
      q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : 1000,
  });
}

/** Public: no session is sent (anyone may verify a transcript). */
export function usePublicStatus(id: string | undefined) {
  return useQuery({
    queryKey: transcriptKeys.publicStatus(id ?? ''),
    queryFn: async () => {
      const res = await fetch(`/api/public/transcripts/${id}/status`, { credentials: 'omit' });
      const body = (await res.json()) as TranscriptPublicStatus & { message?: string; code?: string };
      if (!res.ok) throw new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? '');
      return body;
    },
    enabled: Boolean(id),
    retry: false,
  });
}

export function useVerifyPdf() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return postForm<TranscriptVerification>('/api/public/transcripts/verify', form, null);
    },
  });
}
