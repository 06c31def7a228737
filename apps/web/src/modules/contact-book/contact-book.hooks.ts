import type {
  Announcement,
  AnnouncementCreateBody,
  Message,
  MessageThread,
  NotificationList,
  NotificationPreferences,
  StudentAttendance,
} from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type AnnouncementInput = z.input<typeof AnnouncementCreateBody>;
const KEY = ['contact-book'] as const;
/** New messages and notifications show up without reloading (a phone left open on the page). */
const LIVE = 15_000;

export function useThreads(query: QueryParams = {}) {
  return useQuery({
    queryKey: [...KEY, 'threads', query],
    queryFn: () => api.get<Paged<MessageThread>>('/api/message-threads', { pageSize: 100, ...query }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE,
  });
}

export function useThread(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'thread', schoolId, id],
    queryFn: () => api.get<MessageThread>(`/api/schools/${schoolId}/message-threads/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

export function useMessages(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'messages', schoolId, id],
    queryFn: () =>
      api.get<Paged<Message>>(`/api/schools/${schoolId}/message-threads/${id}/messages`, { pageSize: 100 }),
    enabled: Boolean(schoolId && id),
    refetchInterval: LIVE,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: KEY });
}

export function useOpenThread(schoolId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { kind: 'class'; classId: string } | { kind: 'student'; studentId: string }) =>
      api.post<MessageThread>(`/api/schools/${schoolId}/message-threads`, body),
    onSuccess: invalidate,
  });
}

export function useSendMessage(schoolId: string, threadId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: string) =>
      api.post<Message>(`/api/schools/${schoolId}/message-threads/${threadId}/messages`, { body }),
    onSuccess: invalidate,
  });
}

export function useMarkThreadRead(schoolId: string, threadId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>(`/api/schools/${schoolId}/message-threads/${threadId}/read`),
    onSuccess: invalidate,
  });
}

export function useAnnouncements(query: QueryParams = {}) {
  return useQuery({
    queryKey: [...KEY, 'announcements', query],
    queryFn: () => api.get<Paged<Announcement>>('/api/announcements', { pageSize: 50, ...query }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE,
  });
}

export function useAnnouncement(schoolId: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'announcement', schoolId, id],
    queryFn: () => api.get<Announcement>(`/api/schools/${schoolId}/announcements/${id}`),
    enabled: Boolean(schoolId && id),
  });
}

export function useCreateAnnouncement(schoolId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: AnnouncementInput) =>
      api.post<Announcement>(`/api/schools/${schoolId}/announcements`, body),
    onSuccess: invalidate,
  });
}

export function useMarkAnnouncementRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (a: { schoolId: string; id: string }) =>
      api.post<{ ok: true }>(`/api/schools/${a.schoolId}/announcements/${a.id}/read`),
    onSuccess: invalidate,
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: [...KEY, 'notifications'],
    queryFn: () => api.get<NotificationList>('/api/notifications', { pageSize: 30 }),
    refetchInterval: LIVE,
  });
}

export function useMarkNotificationRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api.post<{ ok: true }>(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`),
    onSuccess: invalidate,
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: [...KEY, 'preferences'],
    queryFn: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  });
}

export function useSetPreferences() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { email: boolean }) =>
      api.patch<NotificationPreferences>('/api/notifications/preferences', body),
    onSuccess: invalidate,
  });
}

/** The attendance module's history of one student (absences and late arrivals) for a date range. */
export function useStudentAttendance(schoolId: string, studentId: string, from: string | null, to: string) {
  return useQuery({
    queryKey: ['attendance', 'student', schoolId, studentId, from, to],
    queryFn: () =>
      api.get<StudentAttendance>(`/api/schools/${schoolId}/students/${studentId}/attendance`, { from, to }),
    enabled: Boolean(from),
    retry: false,
  });
}
