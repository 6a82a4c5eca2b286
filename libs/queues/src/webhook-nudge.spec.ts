import { nudgeWebhookDispatch } from './webhook-nudge';
import type { QueueBackend } from './queue-backend.service';

/** A backend whose `add` calls resolve only when the test says so. */
function slowBackend() {
  const pending: Array<() => void> = [];
  const backend = { add: jest.fn(() => new Promise<void>((resolve) => pending.push(resolve))) } as unknown as QueueBackend;
  const settleNext = async () => {
    while (!pending.length) await new Promise((r) => setImmediate(r));
    pending.shift()!();
  };
  return { backend, add: (backend as unknown as { add: jest.Mock }).add, settleNext };
}

describe('nudgeWebhookDispatch', () => {
  it('coalesces nudges made while one is on its way into one trailing nudge', async () => {
    const { backend, add, settleNext } = slowBackend();
    const first = nudgeWebhookDispatch(backend);
    const second = nudgeWebhookDispatch(backend);
    const third = nudgeWebhookDispatch(backend);
    await settleNext();
    await settleNext();
    await Promise.all([first, second, third]);
    expect(add).toHaveBeenCalledTimes(2);
  });

  it('sends again for a nudge after the previous ones finished', async () => {
    const { backend, add, settleNext } = slowBackend();
    const first = nudgeWebhookDispatch(backend);
    await settleNext();
    await first;
    const next = nudgeWebhookDispatch(backend);
    await settleNext();
    await next;
    expect(add).toHaveBeenCalledTimes(2);
  });
});
