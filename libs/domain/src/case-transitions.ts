// Building blocks shared by the action rules and the deadline rules, so every
// path into `escalated`, `resolved` or a closed status does exactly the same.
import { CaseEventDraft, CaseEventType } from './case-events';
import {
  CaseChanges,
  Decision,
  CaseOutcome,
  CaseSnapshot,
  CaseStatus,
  DeadlineKind,
  DeadlineSpec,
  Party,
  Transition,
} from './case-types';
import { addDuration } from './duration';

export function event(type: CaseEventType, data: Record<string, unknown> = {}): CaseEventDraft {
  return { type, data };
}

export function deadline(kind: DeadlineKind, party: DeadlineSpec['party'], from: Date, duration: string): DeadlineSpec {
  return { kind, party, dueAt: addDuration(from, duration) };
}

export function dueAtOf(snapshot: CaseSnapshot, kind: DeadlineKind): Date | undefined {
  return snapshot.openDeadlines.find((open) => open.kind === kind)?.dueAt;
}

/** Of the given kinds, those open on the case: a deadline is only ever stopped once. */
export function stopping(snapshot: CaseSnapshot, kinds: readonly DeadlineKind[]): DeadlineKind[] {
  return kinds.filter((kind) => dueAtOf(snapshot, kind) !== undefined);
}

export function transitionTo(status: CaseStatus, parts: Partial<Omit<Transition, 'status'>> = {}): Transition {
  return { status, changes: {}, startDeadlines: [], stopDeadlines: [], events: [], ...parts };
}

/** By a party, or by the system when the negotiation window ends. */
export function escalation(snapshot: CaseSnapshot, now: Date, by: Party | 'system', reason?: string): Transition {
  return transitionTo('escalated', {
    changes: { escalatedAt: now },
    stopDeadlines: stopping(snapshot, ['supplier_response', 'escalation_allowed', 'auto_escalation']),
    startDeadlines: [deadline('pickup', 'specialist', now, snapshot.policy.pickupSla)],
    events: [event('case.escalated', { by, reason: reason ?? null })],
  });
}

/** The final refund is fixed: nothing is due any more, nothing is overdue. `before` are the events that led here. */
export function resolution(
  snapshot: CaseSnapshot,
  now: Date,
  outcome: CaseOutcome,
  before: CaseEventDraft[],
  changes: CaseChanges = {},
): Transition {
  return transitionTo('resolved', {
    changes: { ...changes, outcome, overdue: false, resolvedAt: now, closedAt: now },
    stopDeadlines: snapshot.openDeadlines.map((open) => open.kind),
    events: [...before, event('case.resolved', { outcome })],
  });
}

/** Ended without a refund (withdrawn, cancelled): the escrow goes back to the order's normal path; nothing is due or overdue. */
export function closing(snapshot: CaseSnapshot, now: Date, status: 'withdrawn' | 'cancelled', closed: CaseEventDraft): Transition {
  return transitionTo(status, {
    changes: { overdue: false, closedAt: now },
    stopDeadlines: snapshot.openDeadlines.map((open) => open.kind),
    events: [closed],
  });
}

/** In decided and appealed a decision exists; a snapshot without one is corrupt, not a user mistake. */
export function requireDecision(snapshot: CaseSnapshot): Decision {
  if (!snapshot.decision) throw new Error(`case in status ${snapshot.status} has no decision`);
  return snapshot.decision;
}
