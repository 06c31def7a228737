import type {
  Commendation,
  Contribution,
  Equipment,
  Inspection,
  OpsConfig,
  OpsDashboard,
  PlanBudget,
  PlanDetail,
  PlanSummary,
  SmartRoom,
  TargetHistory,
  TargetRecord,
  TargetSchools,
} from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Paged, type QueryParams } from '../../lib/api';

export type SmartRoomItem = z.infer<typeof SmartRoom>;
export type ContributionItem = z.infer<typeof Contribution>;
export type InspectionItem = z.infer<typeof Inspection>;
export type CommendationItem = z.infer<typeof Commendation>;

export function useOpsConfig() {
  return useQuery({
    queryKey: ['operations', 'config'],
    queryFn: () => api.get<OpsConfig>('/api/operations/config'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A department's dashboard (unitId: default the account's unit) or one school's. */
export function useOpsDashboard(scope: { unitId?: string; schoolId?: string }) {
  return useQuery({
    queryKey: ['operations', 'dashboard', scope],
    queryFn: () =>
      scope.schoolId
        ? api.get<OpsDashboard>(`/api/schools/${scope.schoolId}/operations/dashboard`)
        : api.get<OpsDashboard>('/api/operations/dashboard', { unitId: scope.unitId }),
    refetchInterval: 60_000,
  });
}

export function usePlans(query: QueryParams) {
  return useQuery({
    queryKey: ['operations', 'plans', query],
    queryFn: () => api.get<Paged<PlanSummary>>('/api/operations/plans', query),
  });
}

export function usePlan(planId: string | undefined) {
  return useQuery({
    queryKey: ['operations', 'plan', planId],
    queryFn: () => api.get<PlanDetail>(`/api/operations/plans/${planId}`),
    enabled: Boolean(planId),
  });
}

export function useTargetSchools(planId: string, targetId: string | null) {
  return useQuery({
    queryKey: ['operations', 'target-schools', planId, targetId],
    queryFn: () => api.get<TargetSchools>(`/api/operations/plans/${planId}/targets/${targetId}/schools`),
    enabled: Boolean(targetId),
  });
}

export function useTargetRecords(planId: string, targetId: string | null, query: QueryParams) {
  return useQuery({
    queryKey: ['operations', 'target-records', planId, targetId, query],
    queryFn: () =>
      api.get<Paged<TargetRecord>>(`/api/operations/plans/${planId}/targets/${targetId}/records`, query),
    enabled: Boolean(targetId),
    placeholderData: keepPreviousData,
  });
}

export function useTargetHistory(planId: string, targetId: string | null, schoolId?: string) {
  return useQuery({
    queryKey: ['operations', 'target-history', planId, targetId, schoolId],
    queryFn: () =>
      api.get<TargetHistory>(`/api/operations/plans/${planId}/targets/${targetId}/history`, { schoolId }),
    enabled: Boolean(targetId),
  });
}

export function useBudget(planId: string) {
  return useQuery({
    queryKey: ['operations', 'budget', planId],
    queryFn: () => api.get<PlanBudget>(`/api/operations/plans/${planId}/budget`),
  });
}

export function useRooms(query: QueryParams) {
  return useQuery({
    queryKey: ['operations', 'rooms', query],
    queryFn: () => api.get<Paged<SmartRoomItem>>('/api/operations/rooms', query),
  });
}

export function useEquipment(query: QueryParams) {
  return useQuery({
    queryKey: ['operations', 'equipment', query],
    queryFn: () => api.get<Paged<Equipment>>('/api/operations/equipment', query),
    placeholderData: keepPreviousData,
  });
}

export function useContributions(query: QueryParams) {
  return useQuery({
    queryKey: ['operations', 'contributions', query],
    queryFn: () => api.get<Paged<ContributionItem>>('/api/operations/contributions', query),
  });
}

export function useInspections(query: QueryParams) {
  return useQuery({
    queryKey: ['operations', 'inspections', query],
    queryFn: () => api.get<Paged<InspectionItem>>('/api/operations/inspections', query),
  });
}

export function useCommendations(query: QueryParams) {
  return useQuery({
    queryKey: ['operations', 'commendations', query],
    queryFn: () => api.get<Paged<CommendationItem>>('/api/operations/commendations', query),
  });
}

/** Changes an equipment item's status (hỏng, đang sửa, hoạt động); the dashboards follow at once. */
export function useSetEquipmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { schoolId: string; id: string; status: Equipment['status'] }) =>
      api.patch<Equipment>(`/api/schools/${v.schoolId}/operations/equipment/${v.id}`, { status: v.status }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['operations'] }),
  });
}

export function useRefreshRollups() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (unitId?: string) =>
      api.post<{ schools: number; ms: number }>('/api/operations/refresh', { unitId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['operations'] }),
  });
}
