import type { ForecastReport } from '@smartedu/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
