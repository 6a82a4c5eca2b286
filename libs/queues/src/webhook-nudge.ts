import { Logger } from '@nestjs/common';
import { JOBS, JobName, QUEUES, QueueName } from './names';
import { QueueBackend } from './queue-backend.service';

const logger = new Logger('DispatchNudge');

/** Per backend and dispatcher: the nudge being sent, and whether more changes committed while it was on its way. */
const sending = new WeakMap<QueueBackend, Map<JobName, { again: boolean; done: Promise<void> }>>();

/**
 * Asks a dispatcher (a job that drains a table of pending work) to run now instead of at its next tick.
 * Coalesced: while one nudge is on its way, further calls share one trailing nudge, which is sent after
 * their commits, so a storm of changes costs a few Redis calls, not one each. Deduplicated in BullMQ too:
 * while one dispatch is waiting, more nudges add nothing. Best effort: the scheduler catches up.
 */
function nudge(backend: QueueBackend, queue: QueueName, job: JobName): Promise<void> {
  const ofBackend = sending.get(backend) ?? new Map();
  sending.set(backend, ofBackend);
  const current = ofBackend.get(job);
  if (current) {
    current.again = true;
    return current.done;
  }
  const state = { again: false, done: Promise.resolve() };
  state.done = (async () => {
    try {
      do {
        state.again = false;
        await addDispatch(backend, queue, job);
      } while (state.again);
    } finally {
      ofBackend.delete(job);
    }
  })();
  ofBackend.set(job, state);
  return state.done;
}

async function addDispatch(backend: QueueBackend, queue: QueueName, job: JobName): Promise<void> {
  try {
    await backend.add(queue, job, {}, { deduplication: { id: `${job.replace('.', '-')}-nudge` } });
  } catch (error) {
    logger.warn(`Could not nudge ${job}: ${(error as Error).message}`);
  }
}

/** New outbox rows: turn them into webhook deliveries now. */
export const nudgeWebhookDispatch = (backend: QueueBackend): Promise<void> => nudge(backend, QUEUES.webhooks, JOBS.webhookDispatch);

/** New reminder e-mails: send them now. */
export const nudgeMailDispatch = (backend: QueueBackend): Promise<void> => nudge(backend, QUEUES.mail, JOBS.mailDispatch);
