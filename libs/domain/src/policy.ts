import { addDuration, parseDuration } from './duration';

export const PAYMENT_METHODS = ['credit_card', 'tt', 'e_checking', 'boleto', 'pay_later'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const EVIDENCE_KINDS = ['image', 'video', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** How much evidence a party may bring to one case. */
export interface EvidenceLimits {
  /** Upload size limit per evidence kind, in bytes. */
  maxBytes: Record<EvidenceKind, number>;
  /** Items per party per case; rejected items do not count. */
  maxItemsPerParty: number;
}

/**
 * DOMAIN.md "Policy": the durations (ISO 8601 strings) and the other numbers that govern a case. Each case
 * stores the policy it was opened under, so a policy change never moves the deadlines of open cases.
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
  /** How long a party has to answer an evidence request when the specialist names no due time. */
  evidenceRequestWindow: string;
  /** Before each deadline someone must meet, a reminder goes out this long before it; longest first. */
  reminderLeadTimes: string[];
  evidenceLimits: EvidenceLimits;
  /** Days a sent refund takes to reach the buyer, per payment method. */
  refundArrivalDays: Record<PaymentMethod, number>;
}

/** Days a sent refund takes to reach the buyer; it always goes back to the original method. */
export const REFUND_ARRIVAL_DAYS: Readonly<Record<PaymentMethod, number>> = Object.freeze({
  credit_card: 10,
  tt: 7,
  e_checking: 3,
  boleto: 7,
  pay_later: 15, // applied to the buyer's loan
});

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Upload size limit per evidence kind, in bytes. */
export const EVIDENCE_MAX_BYTES: Readonly<Record<EvidenceKind, number>> = Object.freeze({
  image: 25 * MIB,
  document: 25 * MIB,
  video: 2 * GIB,
});

export const EVIDENCE_MAX_ITEMS_PER_PARTY = 50;

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
  evidenceRequestWindow: 'P2D',
  reminderLeadTimes: ['PT24H', 'PT2H'],
  evidenceLimits: { maxBytes: { ...EVIDENCE_MAX_BYTES }, maxItemsPerParty: EVIDENCE_MAX_ITEMS_PER_PARTY },
  refundArrivalDays: { ...REFUND_ARRIVAL_DAYS },
});

export function refundExpectedArrival(sentAt: Date, method: PaymentMethod, arrivalDays: Readonly<Record<PaymentMethod, number>> = REFUND_ARRIVAL_DAYS): Date {
  return addDuration(sentAt, `P${arrivalDays[method]}D`);
}

/**
 * Reminder lead times from a comma-separated list (`PT24H,PT2H`): each a positive duration, no repeats,
 * returned longest first. Throws naming the first bad entry.
 */
export function parseLeadTimes(list: string): string[] {
  const entries = list.split(',').map((entry) => entry.trim());
  const ms = new Map<string, number>();
  for (const entry of entries) {
    const length = parseDuration(entry);
    if (length <= 0) throw new Error(`lead time "${entry}" must be longer than zero`);
    if ([...ms.values()].includes(length)) throw new Error(`lead time "${entry}" is listed twice`);
    ms.set(entry, length);
  }
  return [...ms.entries()].sort((a, b) => b[1] - a[1]).map(([entry]) => entry);
}
