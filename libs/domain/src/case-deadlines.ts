import { CaseSnapshot, CaseStatus, DeadlineKind, Transition } from './case-types';
import { closing, deadline, dueAtOf, escalation, event, requireDecision, resolution, transitionTo } from './case-transitions';
import { DomainError } from './errors';

interface DeadlineRule {
  /** The statuses in which this deadline still means something. */
  during: readonly CaseStatus[];
  /** False for a deadline that only tells the parties something became possible. */
  missable: boolean;
  onMiss(snapshot: CaseSnapshot, dueAt: Date, now: Date): Transition;
}

const stay = (snapshot: CaseSnapshot, parts: Partial<Omit<Transition, 'status'>> = {}) => transitionTo(snapshot.status, parts);

const flagOverdue = (kind: DeadlineKind) => (snapshot: CaseSnapshot) =>
  stay(snapshot, { changes: { overdue: true }, events: [event('case.overdue', { kind })] });

/** What each deadline does when it passes (DOMAIN.md "The case lifecycle"). */
const DEADLINE_RULES: Record<DeadlineKind, DeadlineRule> = {
  supplier_response: {
    during: ['open'],
    missable: true,
    // Silence is consent: the buyer gets the full claim.
    onMiss: (snapshot, _dueAt, now) =>
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
    onMiss: (snapshot, _dueAt, now) => escalation(snapshot, now, 'system'),
  },
  pickup: { during: ['escalated'], missable: true, onMiss: flagOverdue('pickup') },
  evidence: {
    during: ['under_review'],
    missable: true,
    onMiss: (snapshot, dueAt, now) =>
      snapshot.buyerHasEvidence
        ? // The decision SLA counts from when the window closed, not from when a worker noticed.
          stay(snapshot, { startDeadlines: [deadline('decision', 'specialist', dueAt, snapshot.policy.decisionSla)] })
        : closing(snapshot, now, 'cancelled', event('case.cancelled', { reason: 'no_buyer_evidence' })),
  },
  decision: { during: ['under_review'], missable: true, onMiss: flagOverdue('decision') },
  appeal: {
    during: ['decided'],
    missable: true,
    // No appeal: the decision becomes final.
    onMiss: (snapshot, _dueAt, now) =>
      resolution(snapshot, now, { kind: 'decision', refund: requireDecision(snapshot).refund }, []),
  },
  // A missed request has no effect of its own: the decision is made on what there is.
  evidence_request: { during: ['under_review', 'appealed'], missable: true, onMiss: (snapshot) => stay(snapshot) },
};

/**
 * A deadline came due. Refusals tell the worker the job is stale (the deadline was
 * stopped, or the case moved on: `invalid_state`) or early (`too_early`). The
 * fired deadline is always stopped, so a periodic sweep never fires it twice.
 */
export function onDeadlineMissed(snapshot: CaseSnapshot, kind: DeadlineKind, now: Date): Transition {
  const dueAt = dueAtOf(snapshot, kind);
  const rule = DEADLINE_RULES[kind];
  if (dueAt === undefined || rule === undefined) throw new DomainError('invalid_state', `the case has no open ${kind} deadline`);
  if (!rule.during.includes(snapshot.status)) {
    throw new DomainError('invalid_state', `a ${kind} deadline means nothing while the case is ${snapshot.status}`);
  }
  if (now < dueAt) throw new DomainError('too_early', `the ${kind} deadline is due at ${dueAt.toISOString()}`);
  const outcome = rule.onMiss(snapshot, dueAt, now);
  return {
    ...outcome,
    stopDeadlines: outcome.stopDeadlines.includes(kind) ? outcome.stopDeadlines : [kind, ...outcome.stopDeadlines],
    events: rule.missable ? [event('case.deadline_missed', { kind }), ...outcome.events] : outcome.events,
  };
}
