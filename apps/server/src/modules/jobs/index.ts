export { createJobQueue, type JobQueue, type JobQueueOptions } from './jobs.queue';
export {
  defineJob,
  type Enqueue,
  type EnqueueMany,
  type EnqueueOptions,
  type JobContext,
  type JobHandler,
  type JobType,
} from './jobs.types';
