// DOMAIN.md "Supplier standing (Trade Assurance eligibility)": the rates and the rules, from counts over the period.

export const STANDING_REASONS = ['too_few_orders', 'dispute_rate', 'lost_rate', 'response_rate'] as const;
export type StandingReason = (typeof STANDING_REASONS)[number];

/** The thresholds (policy `eligibility*`); rates are fractions from 0 to 1. */
export interface EligibilityRules {
  minOrders: number;
  maxDisputeRate: number;
  maxLostRate: number;
  minResponseRate: number;
}

/** What the period holds for one supplier. */
export interface StandingCounts {
  /** Orders completed in the period. */
  completedOrders: number;
  /** Cases opened against the supplier in the period. */
  disputes: number;
  /** Of those, resolved for the buyer by a decision, an appeal or the supplier's silence. */
  lost: number;
  /** Of those, first answered within the response deadline of the policy each was opened under. */
  respondedInTime: number;
  /** Of those, still open and unanswered: the supplier may yet answer in time, so they count neither way. */
  awaitingResponse: number;
}

export interface StandingRates {
  disputeRate: number;
  lostRate: number;
  responseRate: number;
}

export interface Eligibility {
  eligible: boolean;
  /** Each rule failed, in the order of STANDING_REASONS. */
  reasons: StandingReason[];
}

/**
 * The rates, exact (round them for display only):
 * - disputeRate: disputes / completed orders, at most 1 (disputes on orders that never completed still count); with
 *   disputes but no completed order it is 1;
 * - lostRate: lost / disputes;
 * - responseRate: answered in time / disputes whose answer was due (not those still awaiting a first answer).
 * With no disputes they are 0, 0 and 1.
 */
export function standingRates(c: StandingCounts): StandingRates {
  const due = c.disputes - c.awaitingResponse;
  return {
    disputeRate: c.disputes === 0 ? 0 : c.completedOrders === 0 ? 1 : Math.min(1, c.disputes / c.completedOrders),
    lostRate: c.disputes === 0 ? 0 : c.lost / c.disputes,
    responseRate: due <= 0 ? 1 : c.respondedInTime / due,
  };
}

// Rates are quotients of small integers; this keeps 3/60 from failing "at most 0.05" by a rounding error.
const EPSILON = 1e-12;

/** A supplier is eligible when it passes every rule; `reasons` names each one it fails. */
export function eligibility(c: StandingCounts, rules: EligibilityRules): Eligibility {
  const rates = standingRates(c);
  const failed: Record<StandingReason, boolean> = {
    too_few_orders: c.completedOrders < rules.minOrders,
    dispute_rate: rates.disputeRate > rules.maxDisputeRate + EPSILON,
    lost_rate: rates.lostRate > rules.maxLostRate + EPSILON,
    response_rate: rates.responseRate < rules.minResponseRate - EPSILON,
  };
  const reasons = STANDING_REASONS.filter((reason) => failed[reason]);
  return { eligible: reasons.length === 0, reasons };
}
