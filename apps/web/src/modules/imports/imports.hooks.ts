import type { ImportJob, ImportKind } from '@smartedu/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, uploadFile } from '../../lib/api';

export const importTemplateUrl = (schoolId: string, kind: ImportKind) =>
  `/api/schools/${schoolId}/imports/templates/${kind}.xlsx`;

/** Uploads the sheet; the server validates it and returns the report (nothing is written yet). */
export function useUploadImport(onProgress: (fraction: number) => void) {
  return useMutation({
    mutationFn: ({ schoolId, kind, file }: { schoolId: string; kind: ImportKind; file: File }) =>
      uploadFile<ImportJob>(`/api/schools/${schoolId}/imports/${kind}`, file, { onProgress }),
  });
}

/** all: all-or-nothing; valid: only the rows without errors. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ job, mode }: { job: ImportJob; mode: 'all' | 'valid' }) =>
      api.post<ImportJob>(`/api/schools/${job.schoolId}/imports/${job.id}/commit`, { mode }),
    onSuccess: (job) => {
      const key = { students: 'students', guardians: 'guardians', staff: 'staff', classes: 'classes' }[
        job.kind
      ];
      void queryClient.invalidateQueries({ queryKey: [key] });
    },
  });
}
