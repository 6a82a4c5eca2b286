import type { OrderStatus } from './coverage';
import { DomainError } from './errors';
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

/**
 * A late event may carry its own time: in the past, never in the future, never before the previous step.
 * Returns the time to record.
 */
export function eventTime(given: Date | undefined, now: Date, previous: Date | null, field: string): Date {
  if (!given) return now;
  if (given.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError('validation_failed', `${field} must not be in the future`, field);
  }
  if (previous && given.getTime() < previous.getTime()) {
    throw new DomainError('validation_failed', `${field} must not be before ${previous.toISOString()}`, field);
  }
  return given;
}
