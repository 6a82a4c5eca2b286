import type { JobsOptions } from 'bullmq';
import { JOBS, JobName } from './names';

/** Retries, backoff and retention per job name, in one place. */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  // Alarms: a failed one is harmless (the sweep re-fires it), and ids must be free for the next alarm.
  [JOBS.deadlineDue]: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: true },
  [JOBS.deadlineSweep]: { removeOnComplete: true, removeOnFail: 100 },
  [JOBS.reminderSweep]: { removeOnComplete: true, removeOnFail: 100 },
  [JOBS.orderAutoConfirm]: { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: true },
  // Money: generous retries (0.5 s doubling to ~2 min, ~4 min in all, jittered so a gateway outage does not
  // end in a thundering herd); after them the refund stays `failed` in PostgreSQL for an admin. A confirmation
  // that runs out leaves the refund `sent`, and the refund sweep polls again.
  [JOBS.refundSend]: { attempts: 10, backoff: { type: 'exponential', delay: 500, jitter: 0.2 }, removeOnComplete: true, removeOnFail: 1000 },
  [JOBS.refundConfirm]: { attempts: 10, backoff: { type: 'exponential', delay: 500, jitter: 0.2 }, removeOnComplete: true, removeOnFail: 1000 },
  [JOBS.refundSweep]: { removeOnComplete: true, removeOnFail: 100 },
  [JOBS.webhookDispatch]: { removeOnComplete: true, removeOnFail: 100 },
  [JOBS.webhookDeliver]: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: 1000 },
  [JOBS.evidenceVerify]: { attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: 1000 },
  [JOBS.evidenceExpire]: { removeOnComplete: true, removeOnFail: 100 },
  // Drains mail_outbox; each mail's own retries are rows in PostgreSQL (next_attempt_at), not job retries.
  [JOBS.mailDispatch]: { removeOnComplete: true, removeOnFail: 100 },
  // Derivatives: a storage or database blip is retried (5 s doubling, about 2.5 min in all); a file that cannot be
  // read is not an error (its derivative is `failed`), and a job out of tries is re-created by the evidence sweep.
  [JOBS.evidenceDerive]: { attempts: 6, backoff: { type: 'exponential', delay: 5000, jitter: 0.2 }, removeOnComplete: true, removeOnFail: 1000 },
};
