import { ACTORS, DECISION, caseIn, day, domainErrorOf } from './case-fixtures';
import { transition } from './case-machine';
import { CaseAction, CaseSnapshot, DeadlineSpec } from './case-types';
import { evidenceWindowOpen } from './evidence-window';

const { buyer, supplier, specialist, otherSpecialist, reviewer, otherReviewer } = ACTORS;
const NOTE = 'Please send the inspection report of the second pallet.';
const request = (from: 'buyer' | 'supplier' | 'both', dueIn?: string): CaseAction => ({ type: 'request_evidence', from, note: NOTE, dueIn });

/** The evidence window closed on day 8; the decision is due on day 10. */
const deciding = caseIn('under_review', { openDeadlines: [{ kind: 'decision', party: 'specialist', dueAt: day(10) }] });
const appealedAndTaken = caseIn('appealed', { reviewerId: reviewer.id, openDeadlines: [] });
const open = (snapshot: CaseSnapshot, started: DeadlineSpec[]): CaseSnapshot => ({ ...snapshot, openDeadlines: [...snapshot.openDeadlines, ...started] });

describe('request_evidence', () => {
  it('the assigned specialist asks the buyer: its window reopens until the due time, the decision SLA counts from it', () => {
    const result = transition(deciding, request('buyer'), specialist, day(9));
    expect(result.status).toBe('under_review');
    // evidenceRequestWindow is two days by default; the decision SLA two days after that.
    expect(result.startDeadlines).toEqual([
      { kind: 'evidence_request', party: 'buyer', dueAt: day(11) },
      { kind: 'decision', party: 'specialist', dueAt: day(13) },
    ]);
    expect(result.stopDeadlines).toEqual([{ kind: 'decision', party: 'specialist' }]);
    expect(result.changes).toEqual({ overdue: false });
    expect(result.events).toEqual([{ type: 'case.evidence_requested', data: { from: 'buyer', note: NOTE, dueAt: day(11).toISOString() } }]);

    const after = open({ ...deciding, openDeadlines: [] }, result.startDeadlines);
    expect(evidenceWindowOpen(after, 'buyer', day(10.99))).toBe(true);
    expect(evidenceWindowOpen(after, 'buyer', day(11))).toBe(false);
    expect(evidenceWindowOpen(after, 'supplier', day(10))).toBe(false);
  });

  it('from both: one deadline per party, with the due time asked for', () => {
    const result = transition(deciding, request('both', 'PT12H'), specialist, day(9));
    expect(result.startDeadlines).toEqual([
      { kind: 'evidence_request', party: 'buyer', dueAt: day(9.5) },
      { kind: 'evidence_request', party: 'supplier', dueAt: day(9.5) },
      { kind: 'decision', party: 'specialist', dueAt: day(11.5) },
    ]);
    expect(result.events[0].data).toEqual({ from: 'both', note: NOTE, dueAt: day(9.5).toISOString() });
  });

  it("a new request to a party replaces its open one; the other party's stays, and the SLA counts from the latest", () => {
    const requested = caseIn('under_review', {
      openDeadlines: [
        { kind: 'evidence_request', party: 'buyer', dueAt: day(12) },
        { kind: 'evidence_request', party: 'supplier', dueAt: day(11) },
        { kind: 'decision', party: 'specialist', dueAt: day(14) },
      ],
    });
    // The buyer's request is brought forward to day 10; the supplier's (day 11) is now the latest.
    const result = transition(requested, request('buyer', 'PT24H'), specialist, day(9));
    expect(result.stopDeadlines).toEqual([
      { kind: 'evidence_request', party: 'buyer' },
      { kind: 'decision', party: 'specialist' },
    ]);
    expect(result.startDeadlines).toEqual([
      { kind: 'evidence_request', party: 'buyer', dueAt: day(10) },
      { kind: 'decision', party: 'specialist', dueAt: day(13) },
    ]);
  });

  it('during the evidence window: the window stays as it is, the SLA starts when it closes, from the latest due time', () => {
    const result = transition(caseIn('under_review'), request('supplier', 'P4D'), specialist, day(6)); // evidence due day 8
    expect(result.startDeadlines).toEqual([{ kind: 'evidence_request', party: 'supplier', dueAt: day(10) }]);
    expect(result.stopDeadlines).toEqual([]);
    expect(result.changes).toEqual({});
    const closing = transition(open(caseIn('under_review'), result.startDeadlines), { type: 'deadline_missed', kind: 'evidence' }, null, day(8));
    expect(closing.startDeadlines).toEqual([{ kind: 'decision', party: 'specialist', dueAt: day(12) }]);
  });

  it('a case overdue for its decision gets a fresh SLA from the due time and is no longer overdue', () => {
    const overdue = caseIn('under_review', { overdue: true, openDeadlines: [] });
    const result = transition(overdue, request('buyer', 'PT6H'), specialist, day(11));
    expect(result.changes).toEqual({ overdue: false });
    expect(result.startDeadlines).toEqual([
      { kind: 'evidence_request', party: 'buyer', dueAt: day(11.25) },
      { kind: 'decision', party: 'specialist', dueAt: day(13.25) },
    ]);
  });

  it('the assigned reviewer asks while the case is appealed: windows reopen, no decision SLA to move', () => {
    const result = transition(appealedAndTaken, request('supplier', 'P1D'), reviewer, day(12));
    expect(result.status).toBe('appealed');
    expect(result.startDeadlines).toEqual([{ kind: 'evidence_request', party: 'supplier', dueAt: day(13) }]);
    expect(result.changes).toEqual({});
    const after = open(appealedAndTaken, result.startDeadlines);
    expect(evidenceWindowOpen(after, 'supplier', day(12.5))).toBe(true);
    // The appellant's own window ended when the reviewer took the appeal; it was not asked.
    expect(evidenceWindowOpen(after, 'buyer', day(12.5))).toBe(false);
  });

  it('uses the due time policy of the case', () => {
    const quick = caseIn('under_review', { openDeadlines: [], policy: { ...deciding.policy, evidenceRequestWindow: 'PT5S' } });
    expect(transition(quick, request('buyer'), specialist, day(9)).startDeadlines[0].dueAt).toEqual(new Date(day(9).getTime() + 5000));
  });

  describe('who and when', () => {
    it.each([
      ['another specialist', deciding, otherSpecialist],
      ['a reviewer', deciding, reviewer],
      ['the buyer', deciding, buyer],
      ['the supplier', deciding, supplier],
      ['another reviewer', appealedAndTaken, otherReviewer],
      ['a reviewer before taking the appeal', caseIn('appealed'), reviewer],
    ])('%s may not: forbidden', (_who, snapshot, actor) => {
      expect(domainErrorOf(() => transition(snapshot, request('buyer'), actor, day(12))).code).toBe('forbidden');
    });

    it("the specialist once the case is under appeal: the reviewer's turn (invalid_state)", () => {
      expect(domainErrorOf(() => transition(appealedAndTaken, request('buyer'), specialist, day(12))).code).toBe('invalid_state');
    });

    it.each(['open', 'negotiating', 'escalated', 'decided', 'resolved', 'withdrawn', 'cancelled'] as const)('not while %s', (status) => {
      const snapshot = caseIn(status, { specialistId: specialist.id, decision: DECISION });
      expect(domainErrorOf(() => transition(snapshot, request('buyer'), specialist, day(9))).code).toBe('invalid_state');
    });
  });

  it.each([
    [{ type: 'request_evidence', from: 'platform', note: NOTE }, 'from'],
    [{ type: 'request_evidence', from: 'buyer', note: '  ' }, 'note'],
    [{ type: 'request_evidence', from: 'buyer', note: NOTE, dueIn: 'P1M' }, 'dueIn'],
    [{ type: 'request_evidence', from: 'buyer', note: NOTE, dueIn: 'two days' }, 'dueIn'],
    [{ type: 'request_evidence', from: 'buyer', note: NOTE, dueIn: 'PT0S' }, 'dueIn'],
    [{ type: 'request_evidence', from: 'buyer', note: NOTE, dueIn: 'P31D' }, 'dueIn'],
  ])('refuses %j, naming %s', (action, field) => {
    expect(domainErrorOf(() => transition(deciding, action as CaseAction, specialist, day(9)))).toMatchObject({ code: 'validation_failed', field });
  });

  it('a decision closes the open requests', () => {
    const requested = open(deciding, [{ kind: 'evidence_request', party: 'buyer', dueAt: day(11) }]);
    const decided = transition(requested, { type: 'decide', outcome: 'no_refund', rationale: 'Nothing shows the goods were damaged.' }, specialist, day(9.5));
    expect(decided.stopDeadlines).toEqual([
      { kind: 'decision', party: 'specialist' },
      { kind: 'evidence_request', party: 'buyer' },
    ]);
  });
});
