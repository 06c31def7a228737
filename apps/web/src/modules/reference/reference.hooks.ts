import type { Ethnicity, SchoolYear, Subject } from '@smartedu/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';

export type SchoolYearItem = z.infer<typeof SchoolYear>;
export type EthnicityItem = z.infer<typeof Ethnicity>;
export type SubjectItem = z.infer<typeof Subject>;

const DAY = 24 * 60 * 60_000;

export function useSchoolYears() {
  return useQuery({
    queryKey: ['reference', 'school-years'],
    queryFn: () => api.get<SchoolYearItem[]>('/api/reference/school-years'),
    staleTime: DAY,
  });
}

/** Danh mục 54 dân tộc. */
export function useEthnicities() {
  return useQuery({
    queryKey: ['reference', 'ethnicities'],
    queryFn: () => api.get<EthnicityItem[]>('/api/reference/ethnicities'),
    staleTime: DAY,
  });
}

export function useSubjects(level?: 'TH' | 'THCS' | 'THPT') {
  return useQuery({
    queryKey: ['reference', 'subjects', level ?? 'all'],
    queryFn: () => api.get<SubjectItem[]>('/api/reference/subjects', { level }),
    staleTime: DAY,
  });
}
