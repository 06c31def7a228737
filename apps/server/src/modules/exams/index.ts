import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { defineJob, type JobQueue } from '../jobs';
import { examRoutesWith } from './exams.routes';
import { createExamsService, type ExamsDeps, type ExamsService } from './exams.service';

/**
 * Online exams (kỳ thi trực tuyến): scheduling, taking (start, autosave, focus events, submit), proctoring,
 * grading, release and the analysis. The module's only public surface.
 */
export type ExamsOptions = ExamsDeps & {
  /** The database job queue: runs the close of each exam window (auto-submit the rest, then analyse). */
  jobs?: JobQueue;
  /** The sweep (auto-submit at the deadline, freeze papers at opening, re-analyse): every this many ms; 0 = off. */
  sweepIntervalMs?: number;
};

/** Closes an exam window: auto-submits the attempts still open and computes the analysis rollups. */
export const ExamCloseJob = defineJob('exams.close', z.object({ examId: z.string().uuid() }));

export const examsPlugin: FastifyPluginAsync<ExamsOptions> = async (app, opts) => {
  const exams = createExamsService({ ...opts, log: opts.log ?? app.log });
  if (opts.jobs) {
    const jobs = opts.jobs;
    jobs.register(ExamCloseJob, async ({ examId }) => {
      await exams.closeWindow(examId);
    });
    exams.onWindowChange(async (db, exam) => {
      await jobs.enqueue(
        db,
        ExamCloseJob,
        { examId: exam.id },
        {
          runAt: new Date(exam.closesAt.getTime() + 30_000),
          dedupeKey: `exams.close:${exam.id}:${exam.closesAt.getTime()}`,
        },
      );
    });
  }
  await app.register(examRoutesWith, { exams });
  const every = opts.sweepIntervalMs ?? 15_000;
  if (every > 0) {
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<unknown> | null = null;
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        if (running) return;
        running = exams
          .sweep()
          .catch((err) => app.log.error({ err }, 'exam sweep failed'))
          .finally(() => {
            running = null;
          });
      }, every);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await running;
    });
  }
};

export { seedExamsDemoData } from './exams.demo';
export type { ExamBankPort, PaperQuestion, PaperVersion } from './exams.paper';
export { createExamsService, type ExamsDeps, type ExamsService };
