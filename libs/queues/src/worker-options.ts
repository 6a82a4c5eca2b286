import type { Job, WorkerOptions } from 'bullmq';
import { JobName, JobPayloads, QueueName } from './names';

export type WorkerTuning = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

/**
 * Per queue, in one place. A job whose worker died (SIGKILL) goes back to the queue once its lock expires and
 * the stalled check runs, so short locks mean quick recovery; locks are renewed every lockDuration / 2 while
 * a job runs. A job that stalls more than maxStalledCount times fails, and the sweeps re-enqueue its work.
 */
export const WORKER_OPTIONS: Partial<Record<QueueName, WorkerTuning>> = {
  // Measured (STACK-NOTES.md): concurrency 50 keeps a storm of alarms under a second late.
  deadlines: { concurrency: 50, lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 3 },
  refunds: { concurrency: 10, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 3 },
  webhooks: { concurrency: 20, lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 3 },
  // Verification streams whole objects (up to 2 GiB): a few at a time, each with its lock renewed as it goes.
  evidence: { concurrency: 4, lockDuration: 30_000, stalledInterval: 15_000, maxStalledCount: 3 },
  // Each dispatch job sends a batch through one pooled SMTP transport; two at a time keep the pool busy.
  mail: { concurrency: 2, lockDuration: 30_000, stalledInterval: 15_000, maxStalledCount: 3 },
  // Derivatives decode photos and remux videos (CPU and a temporary file of up to a video's size): two at a time on
  // their own queue, so a long video never holds up verifications.
  media: { concurrency: 2, lockDuration: 60_000, stalledInterval: 30_000, maxStalledCount: 3 },
};

/** A job with the payload its name carries. */
export type JobOf<N extends JobName> = Job<JobPayloads[N], unknown, N>;
