import type {
  ScoreComparison,
  StatPeriodCreateBody,
  StatPeriodDetail,
  StatPeriodSummary,
  StatReviewBody,
  StatSubmission,
} from '@smartedu/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type QueryParams } from '../../lib/api';

export function usePeriods(unitId?: string) {
  return useQuery({
    queryKey: ['statistics', 'periods', unitId ?? null],
    queryFn: () => api.get<StatPeriodSummary[]>('/api/statistics/periods', { unitId }),
  });
}

export function usePeriod(periodId: string | undefined) {
  return useQuery({
    queryKey: ['statistics', 'period', periodId],
    queryFn: () => api.get<StatPeriodDetail>(`/api/statistics/periods/${periodId}`),
    enabled: Boolean(periodId),
  });
}

export function useCreatePeriod() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StatPeriodCreateBody) => api.post<StatPeriodSummary>('/api/statistics/periods', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['statistics'] }),
  });
}

const submissionPath = (schoolId: string, periodId: string) =>
  `/api/schools/${schoolId}/statistics/periods/${periodId}`;

export function useSubmission(schoolId: string | undefined, periodId: string | undefined) {
  return useQuery({
    queryKey: ['statistics', 'submission', schoolId, periodId],
    queryFn: () => api.get<StatSubmission>(submissionPath(schoolId!, periodId!)),
    enabled: Boolean(schoolId && periodId),
  });
}

/** Save a draft, submit, or review (the department): each refreshes the submission and the lists. */
export function useSubmissionActions(schoolId: string, periodId: string) {
  const qc = useQueryClient();
  const done = (data: StatSubmission) => {
    qc.setQueryData(['statistics', 'submission', schoolId, periodId], data);
    void qc.invalidateQueries({ queryKey: ['statistics', 'periods'] });
    void qc.invalidateQueries({ queryKey: ['statistics', 'period', periodId] });
  };
  const path = submissionPath(schoolId, periodId);
  return {
    save: useMutation({
      mutationFn: (values: Record<string, number | null>) =>
        apiRequest<StatSubmission>(path, { method: 'PUT', body: { values } }),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: (values: Record<string, number | null>) =>
        api.post<StatSubmission>(`${path}/submit`, { values }),
      onSuccess: done,
    }),
    review: useMutation({
      mutationFn: (body: StatReviewBody) => api.post<StatSubmission>(`${path}/review`, body),
      onSuccess: done,
    }),
  };
}

export function useScoreComparison(query: QueryParams) {
  return useQuery({
    queryKey: ['statistics', 'scores', query],
    queryFn: () => api.get<ScoreComparison>('/api/statistics/scores', query),
    placeholderData: keepPreviousData,
  });
}
