import type { OrderStatus } from './coverage';
import { addDuration, parseDuration } from './duration';
import { DomainError } from './errors';
import type { Policy } from './policy';
export type OrderAction = 'pay' | 'ship' | 'deliver' | 'confirm_receipt' | 'auto_confirm';

/** DOMAIN.md "Orders and escrow": each action, the statuses it may start from, and where it leads. */
const ORDER_TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  pay: { from: ['awaiting_payment'], to: 'in_escrow' },
  ship: { from: ['in_escrow'], to: 'shipped' },
  deliver: { from: ['shipped'], to: 'delivered' },
  // A buyer who has the goods may confirm before the carrier's delivery event arrives.
  confirm_receipt: { from: ['shipped', 'delivered'], to: 'completed' },
  auto_confirm: { from: ['delivered'], to: 'completed' },
};

export function orderTransition(status: OrderStatus, action: OrderAction): OrderStatus {
  const rule = ORDER_TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw new DomainError('invalid_state', `An order that is ${status} cannot ${action.replace('_', ' ')}`);
  }
  return rule.to;
}

// Clocks of callers drift a little; a timestamp further ahead than this is "in the future".
const CLOCK_SKEW_MS = 5_000;

export interface ReportedTimeRules {
  now: Date;
  /** What the time may not precede: the previous step, the order's creation. Null entries are skipped. */
  notBefore: ReadonlyArray<{ at: Date | null; what: string }>;
  /** Who reports it: only the platform (a carrier feed, the payment system) may report times older than `backdateLimit`. */
  reporter: string;
  /** How far before the call a reporter other than the platform may date its own event (policy `lateEventTolerance`). */
  backdateLimit: string;
}

/**
 * DOMAIN.md "Orders and escrow", reported times: a late event may carry its own time, in the past but never in
 * the future nor before what it follows; a party reporting its own event (a supplier's shipment) may not date
 * it further back than `backdateLimit`, or it could defeat a late-shipment claim with a date.
 * Returns the time to record: the given one, or now.
 */
export function reportedTime(field: string, given: Date | undefined, rules: ReportedTimeRules): Date {
  if (!given) return rules.now;
  if (given.getTime() > rules.now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError('validation_failed', `${field} must not be in the future`, field);
  }
  for (const { at, what } of rules.notBefore) {
    if (at && given.getTime() < at.getTime()) {
      throw new DomainError('validation_failed', `${field} must not be before ${what} (${at.toISOString()})`, field);
    }
  }
  if (rules.reporter !== 'platform') {
    const earliest = new Date(rules.now.getTime() - parseDuration(rules.backdateLimit));
    if (given < earliest) {
      throw new DomainError('validation_failed', `${field} may be at most ${rules.backdateLimit} before now; only the platform reports older times`, field);
    }
  }
  return given;
}

/** Receipt confirms itself `autoConfirmAfterDelivery` after delivery; that moment is the receipt time, however late a sweep notices it. */
export function autoConfirmedAt(deliveredAt: Date, policy: Pick<Policy, 'autoConfirmAfterDelivery'>, now: Date): Date {
  const due = addDuration(deliveredAt, policy.autoConfirmAfterDelivery);
  return due < now ? due : now;
}
