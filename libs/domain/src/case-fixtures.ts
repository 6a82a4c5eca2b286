// Test fixtures for the case machine specs (kept free of jest so the build compiles it).
import { Actor, CaseSnapshot, CaseStatus, Decision, DeadlineKind, DeadlineRef } from './case-types';
import { DomainError } from './errors';
import { Money } from './money';
import { DEFAULT_POLICY } from './policy';

const DAY_MS = 24 * 60 * 60 * 1000;
export const OPENED_AT = new Date('2030-01-01T00:00:00.000Z');
/** OPENED_AT plus a number of days (fractions allowed). */
export const day = (days: number): Date => new Date(OPENED_AT.getTime() + days * DAY_MS);
export const usd = (amount: number): Money => ({ amount, currency: 'USD' });

export const ACTORS = {
  buyer: { id: 'buyer-1', role: 'buyer' },
  supplier: { id: 'supplier-1', role: 'supplier' },
  otherBuyer: { id: 'buyer-2', role: 'buyer' },
  otherSupplier: { id: 'supplier-2', role: 'supplier' },
  specialist: { id: 'specialist-1', role: 'specialist' },
  otherSpecialist: { id: 'specialist-2', role: 'specialist' },
  reviewer: { id: 'reviewer-1', role: 'reviewer' },
  otherReviewer: { id: 'reviewer-2', role: 'reviewer' },
  platform: { id: 'platform-1', role: 'platform' },
  admin: { id: 'admin-1', role: 'admin' },
} satisfies Record<string, Actor>;

export const DECISION: Decision = {
  outcome: 'refund_partial',
  refund: usd(4000),
  rationale: 'The photos show two of five pallets damaged in transit.',
  decidedBy: ACTORS.specialist.id,
  decidedAt: day(9),
};

const BASE: CaseSnapshot = {
  status: 'open',
  buyerId: ACTORS.buyer.id,
  supplierId: ACTORS.supplier.id,
  claim: usd(8000),
  orderAmount: usd(10000),
  openedAt: OPENED_AT,
  policy: DEFAULT_POLICY,
  latestOffer: null,
  rebuttal: null,
  specialistId: null,
  reviewerId: null,
  decision: null,
  appeals: [],
  openDeadlines: [],
  overdue: false,
  buyerHasEvidence: true,
};

/**
 * A typical case in each status under the default policy: opened on day 0,
 * escalated on day 4, claimed on day 5 (evidence due day 8), decided on day 9
 * (appeal due day 19), appealed by the buyer on day 10.
 */
const TYPICAL: Record<CaseStatus, Partial<CaseSnapshot>> = {
  open: {
    openDeadlines: [
      { kind: 'supplier_response', party: 'supplier', dueAt: day(3) },
      { kind: 'escalation_allowed', party: 'both', dueAt: day(3) },
      { kind: 'auto_escalation', party: 'system', dueAt: day(7) },
    ],
  },
  negotiating: {
    latestOffer: { amount: usd(5000), by: 'supplier', at: day(1) },
    openDeadlines: [
      { kind: 'escalation_allowed', party: 'both', dueAt: day(3) },
      { kind: 'auto_escalation', party: 'system', dueAt: day(7) },
    ],
  },
  escalated: { openDeadlines: [{ kind: 'pickup', party: 'specialist', dueAt: day(6) }] },
  under_review: {
    specialistId: ACTORS.specialist.id,
    openDeadlines: [{ kind: 'evidence', party: 'both', dueAt: day(8) }],
  },
  decided: {
    specialistId: ACTORS.specialist.id,
    decision: DECISION,
    openDeadlines: [
      { kind: 'appeal', party: 'buyer', dueAt: day(19) },
      { kind: 'appeal', party: 'supplier', dueAt: day(19) },
    ],
  },
  appealed: {
    specialistId: ACTORS.specialist.id,
    decision: DECISION,
    appeals: [{ by: 'buyer', reason: 'The specialist ignored the inspection report.', at: day(10) }],
    // The supplier has not appealed: its own window still runs.
    openDeadlines: [{ kind: 'appeal', party: 'supplier', dueAt: day(19) }],
  },
  resolved: { specialistId: ACTORS.specialist.id, decision: DECISION },
  withdrawn: {},
  cancelled: { specialistId: ACTORS.specialist.id, buyerHasEvidence: false },
};

export function caseIn(status: CaseStatus, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return { ...BASE, ...TYPICAL[status], status, ...overrides };
}

/** The kinds of the deadlines a transition stops, in order. */
export const kindsOf = (refs: readonly DeadlineRef[]): DeadlineKind[] => refs.map((ref) => ref.kind);

/** Runs `fn` and returns the DomainError it throws; anything else (or nothing) is a test failure. */
export function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
