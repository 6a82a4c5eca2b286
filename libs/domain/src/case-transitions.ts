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
  DeadlineParty,
  DeadlineRef,
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

/** The open deadline of that kind (and party, when given) due first. */
export function openDeadline(snapshot: CaseSnapshot, kind: DeadlineKind, party?: DeadlineParty): DeadlineSpec | undefined {
  return snapshot.openDeadlines
    .filter((open) => open.kind === kind && (party === undefined || open.party === party))
    .reduce<DeadlineSpec | undefined>((first, open) => (first && first.dueAt <= open.dueAt ? first : open), undefined);
}

export function dueAtOf(snapshot: CaseSnapshot, kind: DeadlineKind, party?: DeadlineParty): Date | undefined {
  return openDeadline(snapshot, kind, party)?.dueAt;
}

/** Of the given kinds (for the given parties, when named), the deadlines open on the case: each is only ever stopped once. */
export function stopping(snapshot: CaseSnapshot, kinds: readonly DeadlineKind[], parties?: readonly DeadlineParty[]): DeadlineRef[] {
  return snapshot.openDeadlines
    .filter((open) => kinds.includes(open.kind) && (parties === undefined || parties.includes(open.party)))
    .map(refOf);
}

/** Every deadline open on the case: a case that ends has nothing due any more. */
export function stoppingAll(snapshot: CaseSnapshot): DeadlineRef[] {
  return snapshot.openDeadlines.map(refOf);
}

export const refOf = ({ kind, party }: DeadlineRef): DeadlineRef => ({ kind, party });

/** The snapshot as it is once `stopped` are stopped. */
export function withoutDeadlines(snapshot: CaseSnapshot, stopped: readonly DeadlineRef[]): CaseSnapshot {
  const isStopped = (open: DeadlineRef) => stopped.some((ref) => ref.kind === open.kind && ref.party === open.party);
  return { ...snapshot, openDeadlines: snapshot.openDeadlines.filter((open) => !isStopped(open)) };
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
    stopDeadlines: stoppingAll(snapshot),
    events: [...before, event('case.resolved', { outcome })],
  });
}

/** Ended without a refund (withdrawn, cancelled): the escrow goes back to the order's normal path; nothing is due or overdue. */
export function closing(snapshot: CaseSnapshot, now: Date, status: 'withdrawn' | 'cancelled', closed: CaseEventDraft): Transition {
  return transitionTo(status, {
    changes: { overdue: false, closedAt: now },
    stopDeadlines: stoppingAll(snapshot),
    events: [closed],
  });
}

/** In decided and appealed a decision exists; a snapshot without one is corrupt, not a user mistake. */
export function requireDecision(snapshot: CaseSnapshot): Decision {
  if (!snapshot.decision) throw new Error(`case in status ${snapshot.status} has no decision`);
  return snapshot.decision;
}
