// API.md "Suppliers, webhooks, operations": a delivery that fails (a non-2xx answer, a timeout, a target that does
// not resolve to a public address) is retried with backoff for at least three days, then marked failed and kept.

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

/** How long a round of retries lasts at least: the attempt that gives up is the first one made after it. */
export const WEBHOOK_RETRY_PERIOD_MS = 3 * DAY;
/** The first retry comes a second after the first failure; each wait doubles up to an hour. */
export const WEBHOOK_FIRST_RETRY_MS = SECOND;
export const WEBHOOK_LONGEST_RETRY_MS = HOUR;
/** Waits are shortened by up to this share at random, so deliveries that failed together do not retry together. */
const JITTER = 0.2;

/** After a rotation, deliveries are signed with the old secret too for this long (API.md: 24 hours). */
export const WEBHOOK_SECRET_OVERLAP_MS = DAY;

export interface DeliveryRound {
  /** When the delivery was created, or last sent again by an admin: the round of retries starts there. */
  startedAt: Date;
  /** Attempts of this round that failed, the one just made included (1 after the first failure). */
  failedAttempts: number;
}

/** When to try a failed delivery again, or null: the round has lasted its three days, the delivery has failed. */
export function nextWebhookAttempt(round: DeliveryRound, now: Date, random: () => number = Math.random): Date | null {
  if (now.getTime() - round.startedAt.getTime() >= WEBHOOK_RETRY_PERIOD_MS) return null;
  const doublings = Math.min(Math.max(round.failedAttempts - 1, 0), 30);
  const wait = Math.min(WEBHOOK_LONGEST_RETRY_MS, WEBHOOK_FIRST_RETRY_MS * 2 ** doublings);
  return new Date(now.getTime() + Math.round(wait * (1 - JITTER * random())));
}
