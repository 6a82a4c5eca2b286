import { AppealRuling, DecisionOutcome } from './case-types';
import { DomainError } from './errors';
import { Money, assertAmountWithin } from './money';

/** The refund a decision implies; only a partial refund names its amount. */
export function decisionRefund(claim: Money, outcome: DecisionOutcome, refund: Money | undefined): Money {
  switch (outcome) {
    case 'refund_full':
      refuseRefundAmount(refund, outcome);
      return claim;
    case 'no_refund':
      refuseRefundAmount(refund, outcome);
      return { amount: 0, currency: claim.currency };
    case 'refund_partial':
      return requireRefund(refund, claim, outcome, false);
    default:
      throw new DomainError('validation_failed', `unknown outcome ${String(outcome)}`, 'outcome');
  }
}

/** Upheld keeps the decision's refund; modified sets a new one, from zero (overturned) up to the claim. */
export function appealRefund(claim: Money, decided: Money, ruling: AppealRuling, refund: Money | undefined): Money {
  switch (ruling) {
    case 'upheld':
      refuseRefundAmount(refund, ruling);
      return decided;
    case 'modified':
      return requireRefund(refund, claim, ruling, true);
    default:
      throw new DomainError('validation_failed', `unknown ruling ${String(ruling)}`, 'ruling');
  }
}

function refuseRefundAmount(refund: Money | undefined, choice: string): void {
  // `== null`: JSON may bring null where TypeScript expects undefined.
  if (refund != null) throw new DomainError('validation_failed', `${choice} takes no refund amount`, 'refund');
}

function requireRefund(refund: Money | undefined, claim: Money, choice: string, allowZero: boolean): Money {
  if (refund == null) throw new DomainError('validation_failed', `${choice} needs a refund amount`, 'refund');
  assertAmountWithin(refund, claim, { ceilingName: 'claim', amountField: 'refund.amount', currencyField: 'refund.currency', allowZero });
  return refund;
}
