import type {
  DisclosureDocument,
  DisclosurePage,
  DisclosureSection,
  Feedback,
  FeedbackCreateBody,
  FeedbackPublicStatus,
  FeedbackStatus,
  FeedbackUpdateBody,
} from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type Paged, uploadFile } from '../../lib/api';

/**
 * Public calls go without the session cookie (credentials: 'omit'): the portal is the same for everyone, and a
 * signed-in visitor's cookie must not turn a public form into an authenticated write.
 */
async function publicRequest<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'omit',
      headers: {
        accept: 'application/json',
        'accept-language': document.documentElement.lang || 'vi',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Không kết nối được máy chủ');
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok)
    throw new ApiError(
      res.status,
      json?.code ?? `HTTP_${res.status}`,
      json?.message ?? res.statusText,
      json?.details,
    );
  return json as T;
}

export function usePublicDisclosure(kind: 'school' | 'unit', code: string | undefined) {
  return useQuery({
    queryKey: ['public-disclosure', kind, code],
    queryFn: () =>
      publicRequest<DisclosurePage>(
        `/api/public/disclosure/${kind === 'school' ? 'schools' : 'units'}/${encodeURIComponent(code ?? '')}`,
      ),
    enabled: Boolean(code),
    retry: false,
  });
}

export function useSubmitFeedback() {
  return useMutation({
    mutationFn: (body: FeedbackCreateBody) =>
      publicRequest<{ trackingCode: string; status: FeedbackStatus }>('/api/public/feedback', body),
  });
}

export function useLookupFeedback() {
  return useMutation({
    mutationFn: (trackingCode: string) =>
      publicRequest<FeedbackPublicStatus>('/api/public/feedback/lookup', { trackingCode }),
  });
}

// ---- signed in
export function useFeedbackList(query: { unitId?: string; status?: FeedbackStatus; page: number }) {
  return useQuery({
    queryKey: ['feedback', query],
    queryFn: () => api.get<Paged<Feedback>>('/api/feedback', { ...query, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
}

export function useUpdateFeedback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ item, body }: { item: Feedback; body: FeedbackUpdateBody }) =>
      api.patch<Feedback>(`/api/feedback/${item.schoolId}/${item.id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['feedback'] }),
  });
}

export function useDocuments(unitId: string | undefined) {
  return useQuery({
    queryKey: ['disclosure-documents', unitId],
    queryFn: () => api.get<DisclosureDocument[]>(`/api/disclosure/units/${unitId}/documents`),
    enabled: Boolean(unitId),
  });
}

export function useUploadDocument(unitId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, section, title }: { file: File; section: DisclosureSection; title: string }) =>
      uploadFile<DisclosureDocument>(
        `/api/disclosure/units/${unitId}/documents?section=${section}&title=${encodeURIComponent(title)}`,
        file,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['disclosure-documents'] }),
  });
}

export function useDeleteDocument(unitId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/disclosure/units/${unitId}/documents/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['disclosure-documents'] }),
  });
}
