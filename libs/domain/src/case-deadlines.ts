import { CaseSnapshot, CaseStatus, DeadlineKind, DeadlineParty, DeadlineSpec, Transition } from './case-types';
import { closing, deadline, escalation, event, openDeadline, refOf, requireDecision, resolution, transitionTo } from './case-transitions';
import { DomainError } from './errors';

interface DeadlineRule {
  /** The statuses in which this deadline still means something. */
  during: readonly CaseStatus[];
  /** False for a deadline that only tells the parties something became possible. */
  missable: boolean;
  onMiss(snapshot: CaseSnapshot, missed: DeadlineSpec, now: Date): Transition;
}

/** Appeal windows and evidence requests bind each party on its own: one deadline per party (API.md). */
export const PER_PARTY_DEADLINE_KINDS: readonly DeadlineKind[] = ['appeal', 'evidence_request'];

const stay = (snapshot: CaseSnapshot, parts: Partial<Omit<Transition, 'status'>> = {}) => transitionTo(snapshot.status, parts);

const flagOverdue = (kind: DeadlineKind) => (snapshot: CaseSnapshot) =>
  stay(snapshot, { changes: { overdue: true }, events: [event('case.overdue', { kind })] });

/**
 * DOMAIN.md: the decision SLA counts from the latest time a party could still bring evidence, the evidence
 * window's close or the due time of an open evidence request, whichever is later.
 */
export function decisionDeadlineAfter(snapshot: CaseSnapshot, ...alsoDue: Date[]): DeadlineSpec {
  const windows = snapshot.openDeadlines.filter((open) => open.kind === 'evidence' || open.kind === 'evidence_request').map((open) => open.dueAt);
  const latest = new Date(Math.max(...[...windows, ...alsoDue].map((at) => at.getTime())));
  return deadline('decision', 'specialist', latest, snapshot.policy.decisionSla);
}

/** What each deadline does when it passes (DOMAIN.md "The case lifecycle"). */
const DEADLINE_RULES: Record<DeadlineKind, DeadlineRule> = {
  supplier_response: {
    during: ['open'],
    missable: true,
    // Silence is consent: the buyer gets the full claim.
    onMiss: (snapshot, _missed, now) =>
      resolution(snapshot, now, { kind: 'supplier_unresponsive', refund: snapshot.claim }, []),
  },
  escalation_allowed: {
    during: ['open', 'negotiating'],
    missable: false,
    onMiss: (snapshot) => stay(snapshot),
  },
  auto_escalation: {
    during: ['open', 'negotiating'],
    missable: true,
    onMiss: (snapshot, _missed, now) => escalation(snapshot, now, 'system'),
  },
  pickup: { during: ['escalated'], missable: true, onMiss: flagOverdue('pickup') },
  evidence: {
    during: ['under_review'],
    missable: true,
    // A buyer asked for evidence still has its window open: the claim cannot lapse before that closes.
    onMiss: (snapshot, missed, now) =>
      snapshot.buyerHasEvidence || openDeadline(snapshot, 'evidence_request', 'buyer')
        ? // The decision SLA counts from when the window closed, not from when a worker noticed.
          stay(snapshot, { startDeadlines: [decisionDeadlineAfter(snapshot, missed.dueAt)] })
        : closing(snapshot, now, 'cancelled', event('case.cancelled', { reason: 'no_buyer_evidence' })),
  },
  decision: { during: ['under_review'], missable: true, onMiss: flagOverdue('decision') },
  appeal: {
    during: ['decided', 'appealed'],
    missable: true,
    // Both parties' windows end together. No appeal: the decision becomes final. Once the other party has
    // appealed, this party merely gave up its own appeal.
    onMiss: (snapshot, _missed, now) =>
      snapshot.status === 'decided'
        ? resolution(snapshot, now, { kind: 'decision', refund: requireDecision(snapshot).refund }, [])
        : stay(snapshot),
  },
  // A missed request has no effect of its own: the decision is made on what there is.
  evidence_request: { during: ['under_review', 'appealed'], missable: true, onMiss: (snapshot) => stay(snapshot) },
};

/** Whether an open deadline of this kind still binds anyone while the case is in `status`. */
export function deadlineBinds(status: CaseStatus, kind: DeadlineKind): boolean {
  return DEADLINE_RULES[kind]?.during.includes(status) ?? false;
}

/**
 * A deadline came due. Refusals tell the worker the job is stale (the deadline was
 * stopped, or the case moved on: `invalid_state`) or early (`too_early`). The
 * fired deadline is always stopped, so a periodic sweep never fires it twice.
 */
export function onDeadlineMissed(snapshot: CaseSnapshot, kind: DeadlineKind, party: DeadlineParty | undefined, now: Date): Transition {
  const missed = openDeadline(snapshot, kind, party);
  const rule = DEADLINE_RULES[kind];
  if (missed === undefined || rule === undefined) throw new DomainError('invalid_state', `the case has no open ${kind} deadline`);
  if (!rule.during.includes(snapshot.status)) {
    throw new DomainError('invalid_state', `a ${kind} deadline means nothing while the case is ${snapshot.status}`);
  }
  if (now < missed.dueAt) throw new DomainError('too_early', `the ${kind} deadline is due at ${missed.dueAt.toISOString()}`);
  const outcome = rule.onMiss(snapshot, missed, now);
  const stopped = outcome.stopDeadlines.some((ref) => ref.kind === kind && ref.party === missed.party);
  const data = PER_PARTY_DEADLINE_KINDS.includes(kind) ? { kind, party: missed.party } : { kind };
  return {
    ...outcome,
    stopDeadlines: stopped ? outcome.stopDeadlines : [refOf(missed), ...outcome.stopDeadlines],
    events: rule.missable ? [event('case.deadline_missed', data), ...outcome.events] : outcome.events,
  };
}
