import { ACTORS, DECISION, caseIn, day, domainErrorOf, kindsOf, usd } from './case-fixtures';
import { transition } from './case-machine';
import { CaseAction } from './case-types';

const { buyer, supplier, specialist, otherSpecialist, reviewer, otherReviewer } = ACTORS;
const RATIONALE = 'The inspection report shows a third of the goods out of spec.';

describe('claim_case', () => {
  const claim: CaseAction = { type: 'claim_case' };

  it('a specialist takes an escalated case: under_review, evidence window opens for both', () => {
    const result = transition(caseIn('escalated', { overdue: true }), claim, specialist, day(5));
    expect(result.status).toBe('under_review');
    expect(result.changes).toEqual({ specialistId: specialist.id, overdue: false });
    expect(kindsOf(result.stopDeadlines)).toEqual(['pickup']);
    expect(result.startDeadlines).toEqual([{ kind: 'evidence', party: 'both', dueAt: day(8) }]);
    expect(result.events).toEqual([{ type: 'case.assigned', data: { role: 'specialist', assigneeId: specialist.id } }]);
  });

  it('a second specialist finds it taken', () => {
    expect(domainErrorOf(() => transition(caseIn('under_review'), claim, otherSpecialist, day(5))).code).toBe('invalid_state');
  });

  it('a reviewer takes an appealed case: stays appealed with the reviewer set, the other party can no longer appeal', () => {
    const result = transition(caseIn('appealed'), claim, reviewer, day(11));
    expect(result.status).toBe('appealed');
    expect(result.changes).toEqual({ reviewerId: reviewer.id });
    expect(result.startDeadlines).toEqual([]);
    expect(result.stopDeadlines).toEqual([{ kind: 'appeal', party: 'supplier' }]);
    expect(result.events).toEqual([{ type: 'case.assigned', data: { role: 'reviewer', assigneeId: reviewer.id } }]);
  });

  it('an appeal already taken is invalid_state for anyone, its own reviewer included', () => {
    const taken = caseIn('appealed', { reviewerId: reviewer.id });
    expect(domainErrorOf(() => transition(taken, claim, otherReviewer, day(11))).code).toBe('invalid_state');
    expect(domainErrorOf(() => transition(taken, claim, reviewer, day(11))).code).toBe('invalid_state');
  });

  it('a reviewer never reviews their own decision', () => {
    const decidedByReviewer = caseIn('appealed', { decision: { ...DECISION, decidedBy: reviewer.id } });
    expect(domainErrorOf(() => transition(decidedByReviewer, claim, reviewer, day(11))).code).toBe('conflict_of_interest');
  });

  it('each staff role claims only its own queue', () => {
    expect(domainErrorOf(() => transition(caseIn('appealed'), claim, specialist, day(11))).code).toBe('invalid_state');
    expect(domainErrorOf(() => transition(caseIn('escalated'), claim, reviewer, day(5))).code).toBe('invalid_state');
  });

  it('parties cannot claim', () => {
    expect(domainErrorOf(() => transition(caseIn('escalated'), claim, buyer, day(5))).code).toBe('forbidden');
  });
});

describe('decide', () => {
  const underReview = caseIn('under_review', {
    overdue: true,
    openDeadlines: [{ kind: 'decision', party: 'specialist', dueAt: day(10) }],
  });
  const decide = (outcome: 'refund_full' | 'refund_partial' | 'no_refund', refund?: ReturnType<typeof usd>): CaseAction => ({
    type: 'decide',
    outcome,
    refund,
    rationale: RATIONALE,
  });

  it('refund_partial: decided with the amount, an appeal window opens for each party', () => {
    const result = transition(underReview, decide('refund_partial', usd(3000)), specialist, day(9));
    const decision = { outcome: 'refund_partial', refund: usd(3000), rationale: RATIONALE, decidedBy: specialist.id, decidedAt: day(9) };
    expect(result.status).toBe('decided');
    expect(result.changes).toEqual({ decision, overdue: false });
    expect(kindsOf(result.stopDeadlines)).toEqual(['decision']);
    expect(result.startDeadlines).toEqual([
      { kind: 'appeal', party: 'buyer', dueAt: day(19) },
      { kind: 'appeal', party: 'supplier', dueAt: day(19) },
    ]);
    expect(result.events).toEqual([
      { type: 'case.decided', data: { outcome: 'refund_partial', refund: usd(3000), rationale: RATIONALE } },
    ]);
  });

  it('a decision during the evidence window closes it', () => {
    expect(kindsOf(transition(caseIn('under_review'), decide('no_refund'), specialist, day(6)).stopDeadlines)).toEqual(['evidence']);
  });

  it('refund_full refunds the claim; no_refund refunds zero', () => {
    expect(transition(underReview, decide('refund_full'), specialist, day(9)).changes.decision?.refund).toEqual(usd(8000));
    expect(transition(underReview, decide('no_refund'), specialist, day(9)).changes.decision?.refund).toEqual(usd(0));
  });

  it('a partial refund may be the whole claim', () => {
    expect(transition(underReview, decide('refund_partial', usd(8000)), specialist, day(9)).status).toBe('decided');
  });

  it.each([
    [decide('refund_partial'), 'validation_failed', 'refund'],
    [decide('refund_partial', usd(8001)), 'amount_exceeds_order', 'refund.amount'],
    [decide('refund_partial', usd(0)), 'validation_failed', 'refund.amount'],
    [decide('refund_partial', { amount: 100, currency: 'EUR' }), 'currency_mismatch', 'refund.currency'],
    [decide('no_refund', usd(100)), 'validation_failed', 'refund'],
    [decide('refund_full', usd(8000)), 'validation_failed', 'refund'],
    [{ type: 'decide', outcome: 'refund_most', rationale: RATIONALE } as unknown as CaseAction, 'validation_failed', 'outcome'],
    [{ type: 'decide', outcome: 'no_refund', rationale: ' ' } as CaseAction, 'validation_failed', 'rationale'],
  ])('refuses %j with %s', (action, code, field) => {
    expect(domainErrorOf(() => transition(underReview, action, specialist, day(9)))).toMatchObject({ code, field });
  });

  it('only the assigned specialist decides', () => {
    expect(domainErrorOf(() => transition(underReview, decide('no_refund'), otherSpecialist, day(9))).code).toBe('forbidden');
    expect(domainErrorOf(() => transition(underReview, decide('no_refund'), reviewer, day(9))).code).toBe('forbidden');
    expect(domainErrorOf(() => transition(underReview, decide('no_refund'), buyer, day(9))).code).toBe('forbidden');
  });

  it('cannot decide twice', () => {
    const decided = caseIn('decided');
    expect(domainErrorOf(() => transition(decided, decide('no_refund'), specialist, day(10))).code).toBe('invalid_state');
  });
});

describe('appeal', () => {
  const appeal: CaseAction = { type: 'appeal', reason: 'The specialist ignored the inspection report.' };

  it("a party appeals within the window: appealed, its own appeal deadline stops, the other party's runs on", () => {
    const result = transition(caseIn('decided'), appeal, supplier, day(12));
    expect(result.status).toBe('appealed');
    expect(result.changes).toEqual({
      appeals: [{ by: 'supplier', reason: 'The specialist ignored the inspection report.', at: day(12) }],
    });
    expect(result.stopDeadlines).toEqual([{ kind: 'appeal', party: 'supplier' }]);
    expect(result.events).toEqual([
      { type: 'case.appealed', data: { by: 'supplier', reason: 'The specialist ignored the inspection report.' } },
    ]);
  });

  it('the other party may join while no reviewer has claimed it, which ends its own window', () => {
    const result = transition(caseIn('appealed'), appeal, supplier, day(12));
    expect(result.status).toBe('appealed');
    expect(result.changes.appeals?.map((earlier) => earlier.by)).toEqual(['buyer', 'supplier']);
    expect(result.stopDeadlines).toEqual([{ kind: 'appeal', party: 'supplier' }]);
  });

  it('a window opened for both parties before windows were one per party stops at the first appeal', () => {
    const legacy = caseIn('decided', { openDeadlines: [{ kind: 'appeal', party: 'both', dueAt: day(19) }] });
    expect(transition(legacy, appeal, buyer, day(12)).stopDeadlines).toEqual([{ kind: 'appeal', party: 'both' }]);
  });

  it('each party appeals once', () => {
    expect(domainErrorOf(() => transition(caseIn('appealed'), appeal, buyer, day(12))).code).toBe('already_appealed');
  });

  it('not after the appeal window, counted from the decision', () => {
    expect(domainErrorOf(() => transition(caseIn('decided'), appeal, buyer, day(19))).code).toBe('deadline_passed');
    expect(domainErrorOf(() => transition(caseIn('appealed'), appeal, supplier, day(19.5))).code).toBe('deadline_passed');
    expect(transition(caseIn('decided'), appeal, buyer, day(18.99)).status).toBe('appealed');
  });

  it('not once a reviewer has taken the appeal', () => {
    const taken = caseIn('appealed', { reviewerId: reviewer.id });
    expect(domainErrorOf(() => transition(taken, appeal, supplier, day(12))).code).toBe('invalid_state');
  });

  it('needs a reason', () => {
    expect(domainErrorOf(() => transition(caseIn('decided'), { type: 'appeal', reason: '' }, buyer, day(12)))).toMatchObject({
      code: 'validation_failed',
      field: 'reason',
    });
  });

  it('not before a decision', () => {
    expect(domainErrorOf(() => transition(caseIn('under_review'), appeal, buyer, day(6))).code).toBe('invalid_state');
  });
});

describe('decide_appeal', () => {
  const taken = caseIn('appealed', { reviewerId: reviewer.id });
  const rule = (ruling: 'upheld' | 'modified', refund?: ReturnType<typeof usd>): CaseAction => ({
    type: 'decide_appeal',
    ruling,
    refund,
    rationale: RATIONALE,
  });

  it('upheld: resolved for the decision refund', () => {
    const result = transition(taken, rule('upheld'), reviewer, day(13));
    const outcome = { kind: 'appeal', refund: DECISION.refund };
    expect(result.status).toBe('resolved');
    expect(result.changes).toEqual({
      appealDecision: { ruling: 'upheld', refund: DECISION.refund, rationale: RATIONALE, decidedBy: reviewer.id, decidedAt: day(13) },
      outcome,
      overdue: false,
      resolvedAt: day(13),
      closedAt: day(13),
    });
    expect(result.events).toEqual([
      { type: 'case.appeal_decided', data: { ruling: 'upheld', refund: DECISION.refund, rationale: RATIONALE } },
      { type: 'case.resolved', data: { outcome } },
    ]);
  });

  it('modified: resolved for the new amount, zero (overturned) to the full claim', () => {
    expect(transition(taken, rule('modified', usd(0)), reviewer, day(13)).changes.outcome).toEqual({ kind: 'appeal', refund: usd(0) });
    expect(transition(taken, rule('modified', usd(8000)), reviewer, day(13)).changes.outcome).toEqual({ kind: 'appeal', refund: usd(8000) });
  });

  it.each([
    [rule('modified'), 'validation_failed', 'refund'],
    [rule('modified', usd(8001)), 'amount_exceeds_order', 'refund.amount'],
    [rule('modified', usd(-1)), 'validation_failed', 'refund.amount'],
    [rule('modified', { amount: 10, currency: 'EUR' }), 'currency_mismatch', 'refund.currency'],
    [rule('upheld', usd(100)), 'validation_failed', 'refund'],
    [{ type: 'decide_appeal', ruling: 'overturned', rationale: RATIONALE } as unknown as CaseAction, 'validation_failed', 'ruling'],
  ])('refuses %j with %s', (action, code, field) => {
    expect(domainErrorOf(() => transition(taken, action, reviewer, day(13)))).toMatchObject({ code, field });
  });

  it('only the assigned reviewer rules', () => {
    expect(domainErrorOf(() => transition(taken, rule('upheld'), otherReviewer, day(13))).code).toBe('forbidden');
    expect(domainErrorOf(() => transition(caseIn('appealed'), rule('upheld'), reviewer, day(13))).code).toBe('forbidden');
    expect(domainErrorOf(() => transition(taken, rule('upheld'), specialist, day(13))).code).toBe('forbidden');
  });
});
