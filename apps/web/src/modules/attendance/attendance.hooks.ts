import type {
  AbsenceReport,
  AttendanceClass,
  AttendanceStatus,
  ClassRoll,
  Device,
  DeviceCommandItem,
  DeviceCreateBody,
  DeviceCreated,
  DeviceUpdateBody,
  DeviceUser,
  DeviceUserBody,
  StaffRoll,
} from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, apiRequest, type Paged, type QueryParams } from '../../lib/api';

export type RollEntry = { id: string; status: AttendanceStatus; note?: string | null };
type DeviceItem = z.infer<typeof Device>;
type DeviceCreatedItem = z.infer<typeof DeviceCreated>;
type CommandItem = z.infer<typeof DeviceCommandItem>;

/** Classes whose roll the user may see for a day (a teacher: own classes). */
export function useAttendanceClasses(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['attendance', 'classes', query],
    queryFn: () => api.get<Paged<AttendanceClass>>('/api/attendance/classes', { pageSize: 200, ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useClassRoll(
  schoolId: string | undefined,
  classId: string | undefined,
  date: string,
  period: number,
) {
  return useQuery({
    queryKey: ['attendance', 'roll', schoolId, classId, date, period],
    queryFn: () =>
      api.get<ClassRoll>(`/api/schools/${schoolId}/classes/${classId}/attendance`, { date, period }),
    enabled: Boolean(schoolId && classId && date),
  });
}

export function useSaveClassRoll(schoolId: string, classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { date: string; period: number; entries: RollEntry[] }) =>
      apiRequest<ClassRoll>(`/api/schools/${schoolId}/classes/${classId}/attendance`, {
        method: 'PUT',
        body: {
          date: body.date,
          period: body.period,
          entries: body.entries.map((e) => ({ studentId: e.id, status: e.status, note: e.note || null })),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['attendance'] }),
  });
}

export function useStaffRoll(schoolId: string | undefined, date: string, enabled = true) {
  return useQuery({
    queryKey: ['attendance', 'staff-roll', schoolId, date],
    queryFn: () => api.get<StaffRoll>(`/api/schools/${schoolId}/staff-attendance`, { date }),
    enabled: Boolean(schoolId && date) && enabled,
  });
}

export function useSaveStaffRoll(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { date: string; entries: RollEntry[] }) =>
      apiRequest<StaffRoll>(`/api/schools/${schoolId}/staff-attendance`, {
        method: 'PUT',
        body: {
          date: body.date,
          entries: body.entries.map((e) => ({ staffId: e.id, status: e.status, note: e.note || null })),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['attendance'] }),
  });
}

export function useAbsenceReport(schoolId: string | undefined, date: string) {
  return useQuery({
    queryKey: ['attendance', 'report', schoolId, date],
    queryFn: () => api.get<AbsenceReport>(`/api/schools/${schoolId}/attendance/report`, { date }),
    enabled: Boolean(schoolId && date),
  });
}

// ---- Máy chấm công
export function useDevices(query: QueryParams) {
  return useQuery({
    queryKey: ['attendance', 'devices', query],
    queryFn: () => api.get<Paged<DeviceItem>>('/api/attendance-devices', { pageSize: 200, ...query }),
  });
}

export function useCreateDevice(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof DeviceCreateBody>) =>
      api.post<DeviceCreatedItem>(`/api/schools/${schoolId}/attendance-devices`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['attendance', 'devices'] }),
  });
}

export function useUpdateDevice(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof DeviceUpdateBody> & { id: string }) =>
      api.patch<DeviceItem>(`/api/schools/${schoolId}/attendance-devices/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['attendance', 'devices'] }),
  });
}

export function useSyncDeviceUsers(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ queued: number }>(`/api/schools/${schoolId}/attendance-devices/${id}/sync-users`, {
        asciiNames: true,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['attendance', 'devices'] }),
  });
}

export function useDeviceCommands(schoolId: string | undefined, id: string | null) {
  return useQuery({
    queryKey: ['attendance', 'devices', 'commands', schoolId, id],
    queryFn: () => api.get<CommandItem[]>(`/api/schools/${schoolId}/attendance-devices/${id}/commands`),
    enabled: Boolean(schoolId && id),
  });
}

export function useDeviceUsers(schoolId: string | undefined, query: QueryParams) {
  return useQuery({
    queryKey: ['attendance', 'device-users', schoolId, query],
    queryFn: () => api.get<Paged<DeviceUser>>(`/api/schools/${schoolId}/device-users`, query),
    placeholderData: keepPreviousData,
    enabled: Boolean(schoolId),
  });
}

export function useMapDeviceUser(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof DeviceUserBody>) =>
      api.post<DeviceUser>(`/api/schools/${schoolId}/device-users`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['attendance'] }),
  });
}

export function useUnmapDeviceUser(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/schools/${schoolId}/device-users/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['attendance'] }),
  });
}
