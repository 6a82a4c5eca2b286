import { CaseEventDraft } from './case-events';
import { Money } from './money';
import { Policy } from './policy';

export const CASE_STATUSES = [
  'open',
  'negotiating',
  'escalated',
  'under_review',
  'decided',
  'appealed',
  'resolved',
  'withdrawn',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A case in one of these is over: every action is refused. */
export const TERMINAL_CASE_STATUSES = ['resolved', 'withdrawn', 'cancelled'] as const satisfies readonly CaseStatus[];

/** Not over yet ("an open case" in DOMAIN.md): it freezes the escrow and blocks a second case on the order. */
export const ACTIVE_CASE_STATUSES = [
  'open',
  'negotiating',
  'escalated',
  'under_review',
  'decided',
  'appealed',
] as const satisfies readonly CaseStatus[];

export const ROLES = ['buyer', 'supplier', 'specialist', 'reviewer', 'platform', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PARTIES = ['buyer', 'supplier'] as const;
export type Party = (typeof PARTIES)[number];

/** Who is acting; `null` in its place means the system (a deadline fired). */
export interface Actor {
  id: string;
  role: Role;
}

export const DEADLINE_KINDS = [
  'supplier_response',
  'escalation_allowed',
  'auto_escalation',
  'pickup',
  'evidence',
  'decision',
  'appeal',
  'evidence_request',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Who must meet a deadline: a party, both, the assigned staff, or nobody in particular (the system acts). */
export const DEADLINE_PARTIES = ['buyer', 'supplier', 'both', 'specialist', 'reviewer', 'system'] as const;
export type DeadlineParty = (typeof DEADLINE_PARTIES)[number];

/** What is due, by whom, when: one row of the case's `deadlines`. */
export interface DeadlineSpec {
  kind: DeadlineKind;
  party: DeadlineParty;
  dueAt: Date;
}

/**
 * One open deadline: a case has at most one of each kind per party (API.md: appeal windows and evidence
 * requests are one deadline per party).
 */
export type DeadlineRef = Pick<DeadlineSpec, 'kind' | 'party'>;

/** Whom a specialist or reviewer asks for more evidence (API.md `POST /v1/cases/:id/evidence-requests`). */
export const EVIDENCE_REQUEST_FROM = ['buyer', 'supplier', 'both'] as const;
export type EvidenceRequestFrom = (typeof EVIDENCE_REQUEST_FROM)[number];

export const DECISION_OUTCOMES = ['refund_full', 'refund_partial', 'no_refund'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const APPEAL_RULINGS = ['upheld', 'modified'] as const;
export type AppealRuling = (typeof APPEAL_RULINGS)[number];

/** How a resolved case got its final refund. */
export const OUTCOME_KINDS = ['agreed', 'supplier_unresponsive', 'decision', 'appeal'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export interface Offer {
  amount: Money;
  by: Party;
  at: Date;
}

export interface Decision {
  outcome: DecisionOutcome;
  refund: Money;
  rationale: string;
  decidedBy: string;
  decidedAt: Date;
}

export interface Appeal {
  by: Party;
  reason: string;
  at: Date;
}

export interface AppealDecision {
  ruling: AppealRuling;
  refund: Money;
  rationale: string;
  decidedBy: string;
  decidedAt: Date;
}

export interface CaseOutcome {
  kind: OutcomeKind;
  refund: Money;
}

/** What the state machine needs to know about a case, loaded by the caller. */
export interface CaseSnapshot {
  status: CaseStatus;
  buyerId: string;
  supplierId: string;
  claim: Money;
  orderAmount: Money;
  openedAt: Date;
  /** The policy the case was opened under. */
  policy: Policy;
  latestOffer: Offer | null;
  rebuttal: string | null;
  specialistId: string | null;
  reviewerId: string | null;
  decision: Decision | null;
  appeals: Appeal[];
  openDeadlines: DeadlineSpec[];
  overdue: boolean;
  /** Whether the buyer has any evidence on the case; decides what the evidence deadline does. */
  buyerHasEvidence: boolean;
}

export type CaseAction =
  | { type: 'edit_claim'; claim?: Money; description?: string }
  | { type: 'make_offer'; amount: Money; note?: string }
  /** `amount`: what the acceptor believes is on the table; refused with offer_changed when it no longer is. */
  | { type: 'accept_offer'; amount?: Money }
  | { type: 'submit_rebuttal'; statement: string }
  | { type: 'escalate'; reason?: string }
  | { type: 'withdraw' }
  | { type: 'claim_case' }
  | { type: 'decide'; outcome: DecisionOutcome; refund?: Money; rationale: string }
  | { type: 'appeal'; reason: string }
  | { type: 'decide_appeal'; ruling: AppealRuling; refund?: Money; rationale: string }
  /** `dueIn`: an ISO 8601 duration; the case's `evidenceRequestWindow` when absent. */
  | { type: 'request_evidence'; from: EvidenceRequestFrom; note: string; dueIn?: string }
  /** `party`: which of the open deadlines of that kind; the one due first when absent. */
  | { type: 'deadline_missed'; kind: DeadlineKind; party?: DeadlineParty };
export type CaseActionType = CaseAction['type'];

/** The case fields a transition writes; absent means unchanged. */
export interface CaseChanges {
  claim?: Money;
  description?: string;
  latestOffer?: Offer;
  rebuttal?: string;
  specialistId?: string;
  reviewerId?: string;
  decision?: Decision;
  appeals?: Appeal[];
  appealDecision?: AppealDecision;
  outcome?: CaseOutcome;
  overdue?: boolean;
  escalatedAt?: Date;
  resolvedAt?: Date;
  closedAt?: Date;
}

/**
 * Everything one accepted action does. The caller writes it in one database
 * transaction guarded by `status = snapshot.status` (compare-and-set).
 */
export interface Transition {
  status: CaseStatus;
  changes: CaseChanges;
  startDeadlines: DeadlineSpec[];
  /** Only deadlines that were open on the snapshot. */
  stopDeadlines: DeadlineRef[];
  events: CaseEventDraft[];
}
