import { addDuration } from './duration';

/**
 * The configurable durations of DOMAIN.md "Policy", as ISO 8601 strings. Each case
 * stores the policy it was opened under, so a policy change never moves the
 * deadlines of open cases.
 */
export interface Policy {
  supplierResponse: string;
  negotiationWindow: string;
  escalationAllowedAfter: string;
  pickupSla: string;
  evidenceWindow: string;
  decisionSla: string;
  appealWindow: string;
  claimWindowAfterReceipt: string;
  notReceivedAfterShip: string;
  autoConfirmAfterDelivery: string;
  /** How far back a supplier may date its own shipment (DOMAIN.md "Orders and escrow", reported times). */
  lateEventTolerance: string;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  supplierResponse: 'P3D',
  negotiationWindow: 'P7D',
  escalationAllowedAfter: 'P3D',
  pickupSla: 'P2D',
  evidenceWindow: 'P3D',
  decisionSla: 'P2D',
  appealWindow: 'P10D',
  claimWindowAfterReceipt: 'P30D',
  notReceivedAfterShip: 'P30D',
  autoConfirmAfterDelivery: 'P30D',
  lateEventTolerance: 'PT1H',
});

export const PAYMENT_METHODS = ['credit_card', 'tt', 'e_checking', 'boleto', 'pay_later'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Days a sent refund takes to reach the buyer; it always goes back to the original method. */
export const REFUND_ARRIVAL_DAYS: Readonly<Record<PaymentMethod, number>> = Object.freeze({
  credit_card: 10,
  tt: 7,
  e_checking: 3,
  boleto: 7,
  pay_later: 15, // applied to the buyer's loan
});

export function refundExpectedArrival(sentAt: Date, method: PaymentMethod): Date {
  return addDuration(sentAt, `P${REFUND_ARRIVAL_DAYS[method]}D`);
}

export const EVIDENCE_KINDS = ['image', 'video', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Upload size limit per evidence kind, in bytes. */
export const EVIDENCE_MAX_BYTES: Readonly<Record<EvidenceKind, number>> = Object.freeze({
  image: 25 * MIB,
  document: 25 * MIB,
  video: 2 * GIB,
});

export const EVIDENCE_MAX_ITEMS_PER_PARTY = 50;
