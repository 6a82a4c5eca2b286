import type { Job } from 'bullmq';
import { JOB_OPTIONS } from './job-options';
import { JobName, JobPayloads, QueueName } from './names';
import { QueueBackend } from './queue-backend.service';

/** True when this run is the job's last try under its JOB_OPTIONS: a failure now must be recorded, not retried. */
export function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** When BullMQ will run the next try at the latest, after `attemptsMade` failed tries (the backoff of JOB_OPTIONS; jitter only shortens it). */
export function retryDelayMs(name: JobName, attemptsMade: number): number {
  const backoff = JOB_OPTIONS[name].backoff;
  if (backoff === undefined) return 0;
  if (typeof backoff === 'number') return backoff;
  const delay = backoff.delay ?? 0;
  return backoff.type === 'exponential' ? Math.round(2 ** Math.max(0, attemptsMade - 1) * delay) : delay;
}

export type EnsureResult = 'present' | 'added' | 'retried';

/**
 * Makes sure the job that carries a row's next step exists: PostgreSQL says what is unfinished, Redis may have
 * lost the job (wipe, restart without persistence) or failed it (stalled too often). Deterministic ids keep
 * this from ever doubling a job that is waiting, delayed or running.
 */
export async function ensureJob<N extends JobName>(
  backend: QueueBackend,
  queue: QueueName,
  name: N,
  data: JobPayloads[N],
  jobId: string,
): Promise<EnsureResult> {
  const job = await backend.queue(queue).getJob(jobId);
  const state = job ? await job.getState() : 'unknown';
  if (job && state === 'failed') {
    // A fresh retry budget: the row is still unfinished, so its work must go on. Another sweeper may have
    // retried it between the two calls; then it is present anyway.
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }).catch(() => undefined);
    return 'retried';
  }
  if (job && state === 'completed') await job.remove().catch(() => undefined);
  if (!job || state === 'unknown' || state === 'completed') {
    await backend.add(queue, name, data, { jobId });
    return 'added';
  }
  return 'present';
}
