import { ACTORS, DECISION, caseIn, day, domainErrorOf, kindsOf, usd } from './case-fixtures';
import { transition } from './case-machine';
import { CaseSnapshot, DeadlineKind } from './case-types';

const missed = (snapshot: CaseSnapshot, kind: DeadlineKind, now: Date) =>
  transition(snapshot, { type: 'deadline_missed', kind }, null, now);

describe('deadline_missed', () => {
  it('supplier_response in open: resolved for the full claim, supplier_unresponsive', () => {
    const result = missed(caseIn('open'), 'supplier_response', day(3));
    const outcome = { kind: 'supplier_unresponsive', refund: usd(8000) };
    expect(result.status).toBe('resolved');
    expect(result.changes).toEqual({ outcome, overdue: false, resolvedAt: day(3), closedAt: day(3) });
    expect(kindsOf(result.stopDeadlines)).toEqual(['supplier_response', 'escalation_allowed', 'auto_escalation']);
    expect(result.events).toEqual([
      { type: 'case.deadline_missed', data: { kind: 'supplier_response' } },
      { type: 'case.resolved', data: { outcome } },
    ]);
  });

  it('escalation_allowed is informational: stopped, nothing else, no event', () => {
    const result = missed(caseIn('open'), 'escalation_allowed', day(3));
    expect(result).toEqual({ status: 'open', changes: {}, startDeadlines: [], stopDeadlines: [{ kind: 'escalation_allowed', party: 'both' }], events: [] });
  });

  it('auto_escalation: escalated by the system, pickup clock starts', () => {
    const negotiating = caseIn('negotiating', { openDeadlines: [{ kind: 'auto_escalation', party: 'system', dueAt: day(7) }] });
    const result = missed(negotiating, 'auto_escalation', day(7));
    expect(result.status).toBe('escalated');
    expect(result.changes).toEqual({ escalatedAt: day(7) });
    expect(kindsOf(result.stopDeadlines)).toEqual(['auto_escalation']);
    expect(result.startDeadlines).toEqual([{ kind: 'pickup', party: 'specialist', dueAt: day(9) }]);
    expect(result.events).toEqual([
      { type: 'case.deadline_missed', data: { kind: 'auto_escalation' } },
      { type: 'case.escalated', data: { by: 'system', reason: null } },
    ]);
  });

  it('auto_escalation in open stops the supplier clock too', () => {
    expect(kindsOf(missed(caseIn('open'), 'auto_escalation', day(7)).stopDeadlines)).toEqual([
      'supplier_response',
      'escalation_allowed',
      'auto_escalation',
    ]);
  });

  it('pickup: flagged overdue, still escalated', () => {
    const result = missed(caseIn('escalated'), 'pickup', day(6));
    expect(result.status).toBe('escalated');
    expect(result.changes).toEqual({ overdue: true });
    expect(kindsOf(result.stopDeadlines)).toEqual(['pickup']);
    expect(result.events).toEqual([
      { type: 'case.deadline_missed', data: { kind: 'pickup' } },
      { type: 'case.overdue', data: { kind: 'pickup' } },
    ]);
  });

  it('evidence, buyer has evidence: stays under_review, decision SLA counts from the window close', () => {
    const result = missed(caseIn('under_review'), 'evidence', day(8.5));
    expect(result.status).toBe('under_review');
    expect(result.changes).toEqual({});
    expect(kindsOf(result.stopDeadlines)).toEqual(['evidence']);
    expect(result.startDeadlines).toEqual([{ kind: 'decision', party: 'specialist', dueAt: day(10) }]);
    expect(result.events).toEqual([{ type: 'case.deadline_missed', data: { kind: 'evidence' } }]);
  });

  it('evidence, buyer has none: the claim lapses, cancelled', () => {
    const result = missed(caseIn('under_review', { buyerHasEvidence: false }), 'evidence', day(8));
    expect(result.status).toBe('cancelled');
    expect(result.changes).toEqual({ overdue: false, closedAt: day(8) });
    expect(kindsOf(result.stopDeadlines)).toEqual(['evidence']);
    expect(result.startDeadlines).toEqual([]);
    expect(result.events).toEqual([
      { type: 'case.deadline_missed', data: { kind: 'evidence' } },
      { type: 'case.cancelled', data: { reason: 'no_buyer_evidence' } },
    ]);
  });

  it('decision: flagged overdue, still under_review', () => {
    const late = caseIn('under_review', { openDeadlines: [{ kind: 'decision', party: 'specialist', dueAt: day(10) }] });
    const result = missed(late, 'decision', day(10));
    expect(result.status).toBe('under_review');
    expect(result.changes).toEqual({ overdue: true });
    expect(kindsOf(result.stopDeadlines)).toEqual(['decision']);
    expect(result.events).toEqual([
      { type: 'case.deadline_missed', data: { kind: 'decision' } },
      { type: 'case.overdue', data: { kind: 'decision' } },
    ]);
  });

  it("appeal: no appeal, the decision becomes final and both parties' windows close", () => {
    const result = missed(caseIn('decided'), 'appeal', day(19));
    const outcome = { kind: 'decision', refund: DECISION.refund };
    expect(result.status).toBe('resolved');
    expect(result.changes).toEqual({ outcome, overdue: false, resolvedAt: day(19), closedAt: day(19) });
    expect(result.stopDeadlines).toEqual([
      { kind: 'appeal', party: 'buyer' },
      { kind: 'appeal', party: 'supplier' },
    ]);
    expect(result.events).toEqual([
      { type: 'case.deadline_missed', data: { kind: 'appeal', party: 'buyer' } },
      { type: 'case.resolved', data: { outcome } },
    ]);
  });

  it("appeal: the other party's window passing while the case is appealed changes nothing else", () => {
    const result = transition(caseIn('appealed'), { type: 'deadline_missed', kind: 'appeal', party: 'supplier' }, null, day(19));
    expect(result).toEqual({
      status: 'appealed',
      changes: {},
      startDeadlines: [],
      stopDeadlines: [{ kind: 'appeal', party: 'supplier' }],
      events: [{ type: 'case.deadline_missed', data: { kind: 'appeal', party: 'supplier' } }],
    });
  });

  it('fires the named party\'s deadline, or the one due first', () => {
    const requested = caseIn('under_review', {
      openDeadlines: [
        { kind: 'evidence_request', party: 'supplier', dueAt: day(6) },
        { kind: 'evidence_request', party: 'buyer', dueAt: day(5) },
      ],
    });
    expect(missed(requested, 'evidence_request', day(7)).stopDeadlines).toEqual([{ kind: 'evidence_request', party: 'buyer' }]);
    const supplier = transition(requested, { type: 'deadline_missed', kind: 'evidence_request', party: 'supplier' }, null, day(7));
    expect(supplier.stopDeadlines).toEqual([{ kind: 'evidence_request', party: 'supplier' }]);
    expect(supplier.events).toEqual([{ type: 'case.deadline_missed', data: { kind: 'evidence_request', party: 'supplier' } }]);
    const early = () => transition(requested, { type: 'deadline_missed', kind: 'evidence_request', party: 'supplier' }, null, day(5.5));
    expect(domainErrorOf(early).code).toBe('too_early');
  });

  it('evidence_request: a missed request has no effect of its own', () => {
    const requested = caseIn('under_review', { openDeadlines: [{ kind: 'evidence_request', party: 'buyer', dueAt: day(6) }] });
    expect(missed(requested, 'evidence_request', day(6))).toEqual({
      status: 'under_review',
      changes: {},
      startDeadlines: [],
      stopDeadlines: [{ kind: 'evidence_request', party: 'buyer' }],
      events: [{ type: 'case.deadline_missed', data: { kind: 'evidence_request', party: 'buyer' } }],
    });
  });

  it('evidence, with a request to the buyer due later: the buyer has no evidence yet, but its window is still open', () => {
    const requested = caseIn('under_review', {
      buyerHasEvidence: false,
      openDeadlines: [
        { kind: 'evidence', party: 'both', dueAt: day(8) },
        { kind: 'evidence_request', party: 'buyer', dueAt: day(9) },
      ],
    });
    const result = missed(requested, 'evidence', day(8));
    expect(result.status).toBe('under_review');
    // The decision SLA (2 days) counts from the request's due time, the latest.
    expect(result.startDeadlines).toEqual([{ kind: 'decision', party: 'specialist', dueAt: day(11) }]);
  });

  it('evidence, with a request to the supplier only: a buyer without evidence still loses the claim', () => {
    const requested = caseIn('under_review', {
      buyerHasEvidence: false,
      openDeadlines: [
        { kind: 'evidence', party: 'both', dueAt: day(8) },
        { kind: 'evidence_request', party: 'supplier', dueAt: day(9) },
      ],
    });
    expect(missed(requested, 'evidence', day(8)).status).toBe('cancelled');
  });

  describe('stale or early jobs are refused, so the worker can drop them', () => {
    it('a deadline that is no longer open: invalid_state', () => {
      const answered = caseIn('open', { openDeadlines: [] });
      expect(domainErrorOf(() => missed(answered, 'supplier_response', day(3))).code).toBe('invalid_state');
    });

    it('a deadline whose status has passed: invalid_state', () => {
      const stale = caseIn('negotiating', { openDeadlines: [{ kind: 'supplier_response', party: 'supplier', dueAt: day(3) }] });
      expect(domainErrorOf(() => missed(stale, 'supplier_response', day(3))).code).toBe('invalid_state');
    });

    it('a closed case: invalid_state', () => {
      expect(domainErrorOf(() => missed(caseIn('resolved'), 'appeal', day(30))).code).toBe('invalid_state');
    });

    it('a deadline not yet due: too_early', () => {
      expect(domainErrorOf(() => missed(caseIn('open'), 'supplier_response', day(2.9))).code).toBe('too_early');
    });

    it('only the system reports deadlines', () => {
      const byBuyer = () => transition(caseIn('open'), { type: 'deadline_missed', kind: 'supplier_response' }, ACTORS.buyer, day(3));
      expect(domainErrorOf(byBuyer).code).toBe('forbidden');
    });
  });
});
