import type { ForecastReport } from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../lib/api';

export type ForecastParams = {
  unitId: string;
  horizon: number;
  capTh: number;
  capThcs: number;
  capThpt: number;
  intakeRatio?: number;
};

export function useForecast(params: ForecastParams | null) {
  return useQuery({
    queryKey: ['forecasts', params],
    queryFn: () => api.get<ForecastReport>('/api/forecasts', params as unknown as QueryParams),
    enabled: Boolean(params?.unitId),
    placeholderData: keepPreviousData,
  });
}

export type BirthRow = { commune: string; birthYear: number; births: number };

export function useBirths(unitId: string | undefined) {
  return useQuery({
    queryKey: ['forecasts', 'births', unitId],
    queryFn: () => api.get<{ unitId: string; rows: BirthRow[] }>('/api/forecasts/births', { unitId }),
    enabled: Boolean(unitId),
  });
}

export function useSaveBirths(unitId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rows: BirthRow[]) =>
      api.post<{ unitId: string; rows: BirthRow[] }>('/api/forecasts/births', { unitId, rows }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['forecasts'] }),
  });
}

export function useRefreshForecast() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (unitId: string) =>
      api.post<{ schools: number; rows: number }>('/api/forecasts/refresh', { unitId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['forecasts'] }),
  });
}

export function useSaveHistory(schoolId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rows: { year: number; grade: number; students: number }[]) =>
      api.post(`/api/schools/${schoolId}/forecasts/enrolment-history`, { rows }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['forecasts'] }),
  });
}
