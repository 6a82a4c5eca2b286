import { nextWebhookAttempt, WEBHOOK_LONGEST_RETRY_MS, WEBHOOK_RETRY_PERIOD_MS } from './webhook-retries';

const start = new Date('2030-01-01T00:00:00Z');
const noJitter = () => 0;

describe('nextWebhookAttempt', () => {
  it('waits a second after the first failure, doubling each time up to an hour', () => {
    const waits = [1, 2, 3, 4, 12, 13, 14, 40].map((failed) => {
      const now = new Date(start.getTime() + 60_000);
      return nextWebhookAttempt({ startedAt: start, failedAttempts: failed }, now, noJitter)!.getTime() - now.getTime();
    });
    expect(waits).toEqual([1000, 2000, 4000, 8000, 2_048_000, WEBHOOK_LONGEST_RETRY_MS, WEBHOOK_LONGEST_RETRY_MS, WEBHOOK_LONGEST_RETRY_MS]);
  });

  it('shortens a wait by at most a fifth at random', () => {
    const now = new Date(start.getTime() + 1000);
    const at = (random: number) => nextWebhookAttempt({ startedAt: start, failedAttempts: 4 }, now, () => random)!.getTime() - now.getTime();
    expect(at(0)).toBe(8000);
    expect(at(0.5)).toBe(7200);
    expect(at(0.999)).toBeGreaterThanOrEqual(6400);
  });

  it('keeps retrying for three days, then gives up at the first failure after them', () => {
    const attempts: Date[] = [start];
    let next: Date | null = start;
    while (next) {
      next = nextWebhookAttempt({ startedAt: start, failedAttempts: attempts.length }, attempts[attempts.length - 1], noJitter);
      if (next) attempts.push(next);
    }
    const last = attempts[attempts.length - 1].getTime() - start.getTime();
    expect(last).toBeGreaterThanOrEqual(WEBHOOK_RETRY_PERIOD_MS);
    expect(last).toBeLessThan(WEBHOOK_RETRY_PERIOD_MS + WEBHOOK_LONGEST_RETRY_MS);
    // 12 doubling waits (about 68 minutes), then hourly: some 80 attempts in all, never two within a second.
    expect(attempts.length).toBeGreaterThan(70);
    expect(attempts.length).toBeLessThan(90);
    for (let i = 1; i < attempts.length; i++) expect(attempts[i].getTime() - attempts[i - 1].getTime()).toBeGreaterThanOrEqual(1000);
  });

  it('starts a new round from a redelivery', () => {
    const redelivered = new Date(start.getTime() + 5 * WEBHOOK_RETRY_PERIOD_MS);
    expect(nextWebhookAttempt({ startedAt: start, failedAttempts: 80 }, redelivered)).toBeNull();
    expect(nextWebhookAttempt({ startedAt: redelivered, failedAttempts: 1 }, redelivered, noJitter)).toEqual(new Date(redelivered.getTime() + 1000));
  });
});
