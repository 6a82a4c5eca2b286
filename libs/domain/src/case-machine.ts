import { CaseEventDraft } from './case-events';
import { onDeadlineMissed } from './case-deadlines';
import {
  ACTIVE_CASE_STATUSES,
  Actor,
  CaseAction,
  CaseActionType,
  CaseChanges,
  CaseSnapshot,
  CaseStatus,
  DeadlineSpec,
  EVIDENCE_REQUEST_FROM,
  Party,
  PARTIES as BOTH_PARTIES,
  Transition,
} from './case-types';
import {
  closing,
  deadline,
  escalation,
  event,
  openDeadline,
  requireDecision,
  resolution,
  stopping,
  transitionTo,
  withoutDeadlines,
} from './case-transitions';
import { decisionDeadlineAfter } from './case-deadlines';
import { assertValidClaim } from './coverage';
import { appealRefund, decisionRefund } from './decision-refunds';
import { addDuration, parseDuration } from './duration';
import { DomainError } from './errors';
import { Money, assertAmountWithin } from './money';
import { Policy } from './policy';

/** Who may ask for an action. A buyer or supplier only on its own case; staff only where the rule says. */
type Permit = Party | 'specialist' | 'reviewer' | 'assigned_specialist' | 'assigned_reviewer' | 'system';

/** Who takes part in a case: all a permit looks at. */
type CasePeople = Pick<CaseSnapshot, 'buyerId' | 'supplierId' | 'specialistId' | 'reviewerId'>;

const PERMITS: Record<Permit, (snapshot: CasePeople, actor: Actor | null) => boolean> = {
  buyer: (snapshot, actor) => actor?.role === 'buyer' && actor.id === snapshot.buyerId,
  supplier: (snapshot, actor) => actor?.role === 'supplier' && actor.id === snapshot.supplierId,
  specialist: (_snapshot, actor) => actor?.role === 'specialist',
  reviewer: (_snapshot, actor) => actor?.role === 'reviewer',
  assigned_specialist: (snapshot, actor) => actor?.role === 'specialist' && actor.id === snapshot.specialistId,
  assigned_reviewer: (snapshot, actor) => actor?.role === 'reviewer' && actor.id === snapshot.reviewerId,
  system: (_snapshot, actor) => actor === null,
};

interface Context<A extends CaseAction> {
  snapshot: CaseSnapshot;
  action: A;
  /** The permit the actor matched; for party actions it is the acting party. */
  actingAs: Permit;
  /** The actor's id ('system' for deadlines). */
  actorId: string;
  now: Date;
}

interface Rule<A extends CaseAction> {
  who: readonly Permit[];
  from: readonly CaseStatus[];
  apply(context: Context<A>): Transition;
}

type Rules = { [T in CaseActionType]: Rule<Extract<CaseAction, { type: T }>> };

const PARTIES: readonly Permit[] = ['buyer', 'supplier'];
const BARGAINING: readonly CaseStatus[] = ['open', 'negotiating'];

/**
 * THE transition table: for each action, who may ask and in which statuses;
 * `apply` holds the finer rules and the effects. Everything else is refused:
 * the wrong actor with `forbidden`, the wrong status (terminal ones included)
 * with `invalid_state`.
 */
const RULES: Rules = {
  edit_claim: { who: ['buyer'], from: BARGAINING, apply: editClaim },
  make_offer: { who: PARTIES, from: BARGAINING, apply: makeOffer },
  accept_offer: { who: PARTIES, from: BARGAINING, apply: acceptOffer },
  submit_rebuttal: { who: ['supplier'], from: BARGAINING, apply: submitRebuttal },
  escalate: { who: PARTIES, from: BARGAINING, apply: escalate },
  withdraw: { who: ['buyer'], from: ['open', 'negotiating', 'escalated', 'under_review'], apply: withdraw },
  claim_case: { who: ['specialist', 'reviewer'], from: ['escalated', 'appealed'], apply: claimCase },
  decide: { who: ['assigned_specialist'], from: ['under_review'], apply: decide },
  appeal: { who: PARTIES, from: ['decided', 'appealed'], apply: appeal },
  decide_appeal: { who: ['assigned_reviewer'], from: ['appealed'], apply: decideAppeal },
  request_evidence: { who: ['assigned_specialist', 'assigned_reviewer'], from: ['under_review', 'appealed'], apply: requestEvidence },
  deadline_missed: {
    who: ['system'],
    from: ACTIVE_CASE_STATUSES,
    apply: ({ snapshot, action, now }) => onDeadlineMissed(snapshot, action.kind, action.party, now),
  },
};

/**
 * The only place that decides whether an action may happen to a case and what
 * it changes. Controllers and deadline workers call it; `actor` null is the system.
 */
export function transition(snapshot: CaseSnapshot, action: CaseAction, actor: Actor | null, now: Date): Transition {
  // hasOwn: an unknown type from the wire must not find Object.prototype members.
  if (!Object.hasOwn(RULES, action.type)) throw new DomainError('validation_failed', `unknown case action ${String(action.type)}`);
  const rule = RULES[action.type] as Rule<CaseAction>;
  const actingAs = rule.who.find((permit) => PERMITS[permit](snapshot, actor));
  if (actingAs === undefined) {
    const who = actor ? `a ${actor.role}` : 'the system';
    throw new DomainError('forbidden', `${who} may not ${action.type} on this case`);
  }
  if (!rule.from.includes(snapshot.status)) throw invalidState(`cannot ${action.type} while the case is ${snapshot.status}`);
  return rule.apply({ snapshot, action, actingAs, actorId: actor?.id ?? 'system', now });
}

/**
 * API.md: the buyer, the supplier and the assigned specialist or reviewer post messages, while the case is not
 * over. Staff who merely see a case (any specialist while it is escalated, reviewers of overdue cases) read it
 * but do not talk to the parties: `forbidden`.
 */
const MESSAGE_AUTHORS: readonly Permit[] = ['buyer', 'supplier', 'assigned_specialist', 'assigned_reviewer'];

export function assertMayPostMessage(c: CasePeople & { status: CaseStatus }, actor: Actor): void {
  if (!MESSAGE_AUTHORS.some((permit) => PERMITS[permit](c, actor))) {
    throw new DomainError('forbidden', `a ${actor.role} who is not a party or assigned to the case may not post messages on it`);
  }
  if (!(ACTIVE_CASE_STATUSES as readonly CaseStatus[]).includes(c.status)) throw invalidState(`the case is ${c.status}; it takes no more messages`);
}

export interface OpenCaseInput {
  buyerId: string;
  supplierId: string;
  claim: Money;
  orderAmount: Money;
  now: Date;
  policy: Policy;
}

export interface OpenedCase {
  status: 'open';
  startDeadlines: DeadlineSpec[];
  events: CaseEventDraft[];
}

/** A new case (coverage already checked): the supplier's clock starts, and the escalation clocks. */
export function openCase({ buyerId, supplierId, claim, orderAmount, now, policy }: OpenCaseInput): OpenedCase {
  assertValidClaim(claim, orderAmount);
  return {
    status: 'open',
    startDeadlines: [
      deadline('supplier_response', 'supplier', now, policy.supplierResponse),
      deadline('escalation_allowed', 'both', now, policy.escalationAllowedAfter),
      deadline('auto_escalation', 'system', now, policy.negotiationWindow),
    ],
    events: [event('case.opened', { buyerId, supplierId, claim })],
  };
}

type ContextOf<T extends CaseActionType> = Context<Extract<CaseAction, { type: T }>>;

function editClaim({ snapshot, action }: ContextOf<'edit_claim'>): Transition {
  const { claim, description } = action;
  if (claim == null && description == null) {
    throw new DomainError('validation_failed', 'give a new claim, a new description, or both');
  }
  const changes: CaseChanges = {};
  const data: Record<string, unknown> = {};
  if (claim != null) {
    assertValidClaim(claim, snapshot.orderAmount);
    changes.claim = data.claim = claim;
    data.previousClaim = snapshot.claim;
  }
  if (description != null) {
    requireText(description, 'description');
    changes.description = data.description = description;
  }
  return transitionTo(snapshot.status, { changes, events: [event('case.claim_edited', data)] });
}

/** Offers alternate: the supplier opens the bargaining, then each side answers the other. */
function makeOffer({ snapshot, action, actingAs, now }: ContextOf<'make_offer'>): Transition {
  const by = actingAs as Party;
  if (snapshot.latestOffer === null && by === 'buyer') throw invalidState('there is no supplier offer to counter yet');
  if (snapshot.latestOffer?.by === by) throw invalidState('the latest offer is already yours: wait for the answer');
  // The claim is at most the order amount, so this also keeps offers within the order.
  assertAmountWithin(action.amount, snapshot.claim, { ceilingName: 'claim', amountField: 'amount', currencyField: 'amount.currency' });
  return transitionTo('negotiating', {
    changes: { latestOffer: { amount: action.amount, by, at: now } },
    stopDeadlines: stopping(snapshot, ['supplier_response']),
    events: [event('case.offer_made', { amount: action.amount, by, note: action.note ?? null })],
  });
}

/**
 * Accepting the other side's latest offer, or (supplier, before any offer) the buyer's claim. An acceptor that
 * names the amount accepts only that amount: if the claim was edited or a new offer came in meanwhile, nothing
 * resolves.
 */
function acceptOffer({ snapshot, action, actingAs, now }: ContextOf<'accept_offer'>): Transition {
  const by = actingAs as Party;
  const offer = snapshot.latestOffer;
  if (offer === null && by === 'buyer') throw invalidState('there is no offer to accept');
  if (offer?.by === by) throw invalidState('a party cannot accept its own offer');
  const refund = offer ? offer.amount : snapshot.claim;
  if (action.amount && (action.amount.amount !== refund.amount || action.amount.currency !== refund.currency)) {
    throw new DomainError('offer_changed', `what is on the table is now ${refund.amount} ${refund.currency} (minor units)`, 'amount');
  }
  return resolution(snapshot, now, { kind: 'agreed', refund }, [event('case.offer_accepted', { amount: refund, by })]);
}

function submitRebuttal({ snapshot, action }: ContextOf<'submit_rebuttal'>): Transition {
  if (snapshot.rebuttal !== null) throw invalidState('the supplier has already submitted its rebuttal');
  requireText(action.statement, 'statement');
  return transitionTo(snapshot.status, {
    changes: { rebuttal: action.statement },
    stopDeadlines: stopping(snapshot, ['supplier_response']),
    events: [event('case.rebuttal_submitted', { statement: action.statement })],
  });
}

function escalate({ snapshot, action, actingAs, now }: ContextOf<'escalate'>): Transition {
  const allowedAt = addDuration(snapshot.openedAt, snapshot.policy.escalationAllowedAfter);
  if (now < allowedAt) throw new DomainError('too_early', `escalation is possible from ${allowedAt.toISOString()}`);
  return escalation(snapshot, now, actingAs as Party, action.reason);
}

function withdraw({ snapshot, now }: ContextOf<'withdraw'>): Transition {
  return closing(snapshot, now, 'withdrawn', event('case.withdrawn'));
}

/** Specialists take escalated cases, reviewers appealed ones; a case has one of each at most. */
function claimCase({ snapshot, actingAs, actorId, now }: ContextOf<'claim_case'>): Transition {
  const assigned = event('case.assigned', { role: actingAs, assigneeId: actorId });
  if (actingAs === 'specialist') {
    if (snapshot.status !== 'escalated') throw invalidState('specialists claim escalated cases only');
    return transitionTo('under_review', {
      changes: { specialistId: actorId, overdue: false },
      stopDeadlines: stopping(snapshot, ['pickup']),
      startDeadlines: [deadline('evidence', 'both', now, snapshot.policy.evidenceWindow)],
      events: [assigned],
    });
  }
  if (snapshot.status !== 'appealed') throw invalidState('reviewers claim appealed cases only');
  if (snapshot.reviewerId !== null) throw invalidState('a reviewer already has this appeal');
  if (requireDecision(snapshot).decidedBy === actorId) {
    throw new DomainError('conflict_of_interest', 'a reviewer may not review a decision of their own');
  }
  // Once a reviewer has the appeal, the other party can no longer join it: its appeal window is over.
  return transitionTo('appealed', { changes: { reviewerId: actorId }, stopDeadlines: stopping(snapshot, ['appeal']), events: [assigned] });
}

function decide({ snapshot, action, actorId, now }: ContextOf<'decide'>): Transition {
  const refund = decisionRefund(snapshot.claim, action.outcome, action.refund);
  requireText(action.rationale, 'rationale');
  const decision = { outcome: action.outcome, refund, rationale: action.rationale, decidedBy: actorId, decidedAt: now };
  return transitionTo('decided', {
    changes: { decision, overdue: false },
    stopDeadlines: stopping(snapshot, ['evidence', 'evidence_request', 'decision']),
    // One window per party: each keeps seeing its own after the other has appealed.
    startDeadlines: BOTH_PARTIES.map((party) => deadline('appeal', party, now, snapshot.policy.appealWindow)),
    events: [event('case.decided', { outcome: action.outcome, refund, rationale: action.rationale })],
  });
}

/**
 * Each party appeals once, within the appeal window counted from the decision.
 * The appellant's appeal deadline stops; the other party may still join while
 * no reviewer has claimed the case and its own window lasts.
 */
function appeal({ snapshot, action, actingAs, now }: ContextOf<'appeal'>): Transition {
  const by = actingAs as Party;
  if (snapshot.reviewerId !== null) throw invalidState('a reviewer has already taken up the appeal');
  if (snapshot.appeals.some((earlier) => earlier.by === by)) {
    throw new DomainError('already_appealed', `the ${by} has already appealed this case`);
  }
  const closesAt = addDuration(requireDecision(snapshot).decidedAt, snapshot.policy.appealWindow);
  if (now >= closesAt) throw new DomainError('deadline_passed', `the appeal window closed at ${closesAt.toISOString()}`);
  requireText(action.reason, 'reason');
  return transitionTo('appealed', {
    changes: { appeals: [...snapshot.appeals, { by, reason: action.reason, at: now }] },
    // 'both': a window opened before appeal windows were one per party.
    stopDeadlines: stopping(snapshot, ['appeal'], [by, 'both']),
    events: [event('case.appealed', { by, reason: action.reason })],
  });
}

function decideAppeal({ snapshot, action, actorId, now }: ContextOf<'decide_appeal'>): Transition {
  const refund = appealRefund(snapshot.claim, requireDecision(snapshot).refund, action.ruling, action.refund);
  requireText(action.rationale, 'rationale');
  const appealDecision = { ruling: action.ruling, refund, rationale: action.rationale, decidedBy: actorId, decidedAt: now };
  return resolution(
    snapshot,
    now,
    { kind: 'appeal', refund },
    [event('case.appeal_decided', { ruling: action.ruling, refund, rationale: action.rationale })],
    { appealDecision },
  );
}

/** The longest due time a specialist or reviewer may give an evidence request. */
export const LONGEST_EVIDENCE_REQUEST = 'P30D';

/**
 * The assigned specialist (under_review) or reviewer (appealed) asks one party or both for more evidence: each
 * named party's evidence window (re)opens until the due time, replacing a request still open to it. The
 * decision SLA then counts from the latest due time: a decision deadline already running (or missed) starts
 * again from there, and a case overdue for its decision is no longer. While the evidence window is still open,
 * the SLA starts when it closes, from the latest due time too.
 */
function requestEvidence({ snapshot, action, actingAs, now }: ContextOf<'request_evidence'>): Transition {
  if (snapshot.status === 'appealed' && actingAs !== 'assigned_reviewer') {
    throw invalidState('the case is under appeal: its reviewer asks for evidence now');
  }
  if (!(EVIDENCE_REQUEST_FROM as readonly string[]).includes(action.from)) {
    throw new DomainError('validation_failed', `from must be one of ${EVIDENCE_REQUEST_FROM.join(', ')}`, 'from');
  }
  requireText(action.note, 'note');
  const dueAt = addDuration(now, validDueIn(action.dueIn ?? snapshot.policy.evidenceRequestWindow));
  const parties: Party[] = action.from === 'both' ? [...BOTH_PARTIES] : [action.from];
  const replaced = stopping(snapshot, ['evidence_request'], parties);
  const requests = parties.map((party) => ({ kind: 'evidence_request' as const, party, dueAt }));
  const parts: Partial<Omit<Transition, 'status'>> = {
    stopDeadlines: replaced,
    startDeadlines: requests,
    events: [event('case.evidence_requested', { from: action.from, note: action.note, dueAt: dueAt.toISOString() })],
  };
  if (snapshot.status === 'under_review' && !openDeadline(snapshot, 'evidence')) {
    parts.stopDeadlines = [...replaced, ...stopping(snapshot, ['decision'])];
    parts.startDeadlines = [...requests, decisionDeadlineAfter(withoutDeadlines(snapshot, replaced), dueAt)];
    parts.changes = { overdue: false };
  }
  return transitionTo(snapshot.status, parts);
}

function validDueIn(dueIn: string): string {
  let length: number;
  try {
    length = parseDuration(dueIn);
  } catch (error) {
    throw new DomainError('validation_failed', (error as Error).message, 'dueIn');
  }
  if (length <= 0 || length > parseDuration(LONGEST_EVIDENCE_REQUEST)) {
    throw new DomainError('validation_failed', `dueIn must be longer than zero and at most ${LONGEST_EVIDENCE_REQUEST}`, 'dueIn');
  }
  return dueIn;
}

/** Statements, reasons and rationales must say something; their lengths are the HTTP layer's to check. */
function requireText(value: string, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new DomainError('validation_failed', `${field} must not be empty`, field);
}

function invalidState(message: string): DomainError {
  return new DomainError('invalid_state', message);
}
