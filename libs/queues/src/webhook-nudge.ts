import { Logger } from '@nestjs/common';
import { JOBS, QUEUES } from './names';
import { QueueBackend } from './queue-backend.service';

const logger = new Logger('WebhookNudge');

/** Per backend: the nudge being sent, and whether more changes committed while it was on its way. */
const sending = new WeakMap<QueueBackend, { again: boolean; done: Promise<void> }>();

/**
 * Asks the dispatcher to turn new outbox rows into webhook deliveries now instead of at its next tick.
 * Coalesced: while one nudge is on its way, further calls share one trailing nudge, which is sent after
 * their commits, so a storm of changes costs a few Redis calls, not one each. Deduplicated in BullMQ too:
 * while one dispatch is waiting, more nudges add nothing. Best effort: the scheduler catches up.
 */
export function nudgeWebhookDispatch(backend: QueueBackend): Promise<void> {
  const current = sending.get(backend);
  if (current) {
    current.again = true;
    return current.done;
  }
  const state = { again: false, done: Promise.resolve() };
  state.done = (async () => {
    try {
      do {
        state.again = false;
        await addDispatch(backend);
      } while (state.again);
    } finally {
      sending.delete(backend);
    }
  })();
  sending.set(backend, state);
  return state.done;
}

async function addDispatch(backend: QueueBackend): Promise<void> {
  try {
    await backend.add(QUEUES.webhooks, JOBS.webhookDispatch, {}, { deduplication: { id: 'webhook-dispatch-nudge' } });
  } catch (error) {
    logger.warn(`Could not nudge the webhook dispatcher: ${(error as Error).message}`);
  }
}
