import { addDuration } from './duration';
import { DomainError } from './errors';
import { Money, assertAmountWithin } from './money';
import { Policy } from './policy';

export const DISPUTE_REASONS = [
  'not_shipped_on_time',
  'not_received',
  'quality_not_as_agreed',
  'damaged',
  'quantity_short',
  'wrong_item',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const ORDER_STATUSES = ['awaiting_payment', 'in_escrow', 'shipped', 'delivered', 'completed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What coverage needs to know about an order. */
export interface CoverageOrder {
  amount: Money;
  tradeAssurance: boolean;
  customized: boolean;
  status: OrderStatus;
  paidAt: Date | null;
  shipBy: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  receiptConfirmedAt: Date | null;
}

export interface CoverageInput {
  order: CoverageOrder;
  reason: DisputeReason;
  claim: Money;
  now: Date;
  policy: Policy;
  hasOpenCase: boolean;
}

/** The claim a buyer may ask for: positive, in the order's currency, at most the order amount. */
export function assertValidClaim(claim: Money, orderAmount: Money): void {
  assertAmountWithin(claim, orderAmount, {
    ceilingName: 'order amount',
    amountField: 'claim.amount',
    currencyField: 'claim.currency',
  });
}

/** DOMAIN.md "Coverage": may this buyer open this dispute on this order now? Throws the reason why not. */
export function assertCoverage({ order, reason, claim, now, policy, hasOpenCase }: CoverageInput): void {
  // First, because it is the most useful answer: the buyer should go to the case already open.
  if (hasOpenCase) throw new DomainError('case_already_open', 'this order already has an open case');
  assertOrderCovered(order, reason, now, policy);
  assertValidClaim(claim, order.amount);
}

/** The reasons a dispute may be opened for on this order now; none while a case is open on it. */
export function coveredReasons(order: CoverageOrder, now: Date, policy: Policy, hasOpenCase: boolean): DisputeReason[] {
  if (hasOpenCase) return [];
  return DISPUTE_REASONS.filter((reason) => {
    try {
      assertOrderCovered(order, reason, now, policy);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  });
}

function assertOrderCovered(order: CoverageOrder, reason: DisputeReason, now: Date, policy: Policy): void {
  if (!order.tradeAssurance) throw notCovered('the supplier is not a Trade Assurance member');
  if (order.customized) throw notCovered('customised goods are not covered');
  if (order.status === 'awaiting_payment' || order.paidAt === null) throw notCovered('the order was not paid');
  assertReasonFitsOrder(order, reason, now, policy);
}

function assertReasonFitsOrder(order: CoverageOrder, reason: DisputeReason, now: Date, policy: Policy): void {
  // Receipt confirmed, or failing that delivered: the goods are in the buyer's hands.
  const receivedAt = order.receiptConfirmedAt ?? order.deliveredAt;
  switch (reason) {
    case 'not_shipped_on_time': {
      const late = order.shippedAt ? order.shippedAt > order.shipBy : now > order.shipBy;
      if (!late) throw notCovered(order.shippedAt ? 'the order shipped on time' : 'the ship-by date has not passed');
      // Decision: once the goods arrived, a late-shipment claim closes with the same claim window as quality claims.
      return assertWithinClaimWindow(receivedAt, now, policy);
    }
    case 'not_received': {
      if (!order.shippedAt) throw notCovered('the order has not shipped');
      if (receivedAt) throw notCovered('the order was delivered');
      if (now < addDuration(order.shippedAt, policy.notReceivedAfterShip)) {
        throw notCovered(`an undelivered order is covered ${policy.notReceivedAfterShip} after shipment`);
      }
      return;
    }
    case 'quality_not_as_agreed':
    case 'damaged':
    case 'quantity_short':
    case 'wrong_item': {
      if (!receivedAt) throw notCovered('the goods have not been delivered');
      return assertWithinClaimWindow(receivedAt, now, policy);
    }
    default:
      throw new DomainError('validation_failed', `unknown dispute reason ${String(reason)}`, 'reason');
  }
}

function assertWithinClaimWindow(receivedAt: Date | null, now: Date, policy: Policy): void {
  if (receivedAt && now > addDuration(receivedAt, policy.claimWindowAfterReceipt)) {
    throw new DomainError(
      'claim_window_closed',
      `claims close ${policy.claimWindowAfterReceipt} after receipt (${receivedAt.toISOString()})`,
    );
  }
}

function notCovered(why: string): DomainError {
  return new DomainError('not_covered', why);
}
