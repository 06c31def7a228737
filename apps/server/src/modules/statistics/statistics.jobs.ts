import { z } from 'zod';
import { defineJob } from '../jobs';

/** Nhắc nộp báo cáo thống kê: at its time, the schools of the period that have not submitted are reminded. */
export const StatReminderJob = defineJob(
  'statistics.reminder',
  z.object({ periodId: z.uuid(), kind: z.enum(['before_3_days', 'due_day']) }),
);
