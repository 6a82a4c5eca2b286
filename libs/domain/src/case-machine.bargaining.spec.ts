import { ACTORS, OPENED_AT, caseIn, day, domainErrorOf, kindsOf, usd } from './case-fixtures';
import { openCase, transition } from './case-machine';
import { CaseAction } from './case-types';
import { DEFAULT_POLICY } from './policy';

const { buyer, supplier, otherBuyer, otherSupplier, specialist, platform, admin } = ACTORS;

describe('openCase', () => {
  it('starts the supplier response and both escalation clocks from the opening', () => {
    const opened = openCase({
      buyerId: buyer.id,
      supplierId: supplier.id,
      claim: usd(8000),
      orderAmount: usd(10000),
      now: OPENED_AT,
      policy: DEFAULT_POLICY,
    });
    expect(opened.status).toBe('open');
    expect(opened.startDeadlines).toEqual([
      { kind: 'supplier_response', party: 'supplier', dueAt: day(3) },
      { kind: 'escalation_allowed', party: 'both', dueAt: day(3) },
      { kind: 'auto_escalation', party: 'system', dueAt: day(7) },
    ]);
    expect(opened.events).toEqual([
      { type: 'case.opened', data: { buyerId: buyer.id, supplierId: supplier.id, claim: usd(8000) } },
    ]);
  });

  it('uses the policy the case is opened under', () => {
    const policy = { ...DEFAULT_POLICY, supplierResponse: 'PT5S' };
    const opened = openCase({ buyerId: 'b', supplierId: 's', claim: usd(1), orderAmount: usd(1), now: OPENED_AT, policy });
    expect(opened.startDeadlines[0].dueAt).toEqual(new Date(OPENED_AT.getTime() + 5000));
  });

  it('refuses a claim above the order amount or in another currency', () => {
    const input = { buyerId: 'b', supplierId: 's', orderAmount: usd(100), now: OPENED_AT, policy: DEFAULT_POLICY };
    expect(domainErrorOf(() => openCase({ ...input, claim: usd(101) }))).toMatchObject({
      code: 'amount_exceeds_order',
      field: 'claim.amount',
    });
    expect(domainErrorOf(() => openCase({ ...input, claim: { amount: 50, currency: 'EUR' } }))).toMatchObject({
      code: 'currency_mismatch',
      field: 'claim.currency',
    });
  });
});

describe('who may act', () => {
  const open = caseIn('open');
  const now = day(4);

  it.each([
    ['a buyer of another case', otherBuyer],
    ['a supplier of another case', otherSupplier],
    ['a specialist', specialist],
    ['the platform', platform],
    ['an admin', admin],
  ])('refuses %s a party action with forbidden', (_who, actor) => {
    expect(domainErrorOf(() => transition(open, { type: 'escalate' }, actor, now)).code).toBe('forbidden');
  });

  it('refuses the system anything but a missed deadline', () => {
    expect(domainErrorOf(() => transition(open, { type: 'withdraw' }, null, now)).code).toBe('forbidden');
  });

  it('refuses the buyer a supplier-only action, and the supplier a buyer-only one', () => {
    const rebuttal: CaseAction = { type: 'submit_rebuttal', statement: 'We shipped on time.' };
    expect(domainErrorOf(() => transition(open, rebuttal, buyer, now)).code).toBe('forbidden');
    expect(domainErrorOf(() => transition(open, { type: 'withdraw' }, supplier, now)).code).toBe('forbidden');
  });

  it.each(['resolved', 'withdrawn', 'cancelled'] as const)('refuses everything on a %s case with invalid_state', (status) => {
    const closed = caseIn(status);
    expect(domainErrorOf(() => transition(closed, { type: 'withdraw' }, buyer, now)).code).toBe('invalid_state');
    expect(domainErrorOf(() => transition(closed, { type: 'accept_offer' }, supplier, now)).code).toBe('invalid_state');
  });

  it('refuses an unknown action as validation_failed, not a crash', () => {
    const bogus = { type: 'reopen' } as unknown as CaseAction;
    expect(domainErrorOf(() => transition(open, bogus, buyer, now)).code).toBe('validation_failed');
  });
});

describe('edit_claim', () => {
  const now = day(1);

  it('changes the claim and tells the timeline what it was', () => {
    const result = transition(caseIn('negotiating'), { type: 'edit_claim', claim: usd(6000) }, buyer, now);
    expect(result.status).toBe('negotiating');
    expect(result.changes).toEqual({ claim: usd(6000) });
    expect(result.events).toEqual([{ type: 'case.claim_edited', data: { claim: usd(6000), previousClaim: usd(8000) } }]);
    expect(result.startDeadlines).toEqual([]);
    expect(kindsOf(result.stopDeadlines)).toEqual([]);
  });

  it('changes the description alone', () => {
    const result = transition(caseIn('open'), { type: 'edit_claim', description: 'Twelve cartons crushed.' }, buyer, now);
    expect(result.changes).toEqual({ description: 'Twelve cartons crushed.' });
    expect(result.events[0]).toEqual({ type: 'case.claim_edited', data: { description: 'Twelve cartons crushed.' } });
  });

  it.each([
    [{ claim: usd(10001) }, 'amount_exceeds_order', 'claim.amount'],
    [{ claim: usd(0) }, 'validation_failed', 'claim.amount'],
    [{ claim: usd(12.5) }, 'validation_failed', 'claim.amount'],
    [{ claim: { amount: 500, currency: 'EUR' } }, 'currency_mismatch', 'claim.currency'],
    [{ description: '   ' }, 'validation_failed', 'description'],
    [{}, 'validation_failed', undefined],
  ])('refuses %j with %s', (patch, code, field) => {
    const error = domainErrorOf(() => transition(caseIn('open'), { type: 'edit_claim', ...patch }, buyer, now));
    expect(error).toMatchObject({ code, field });
  });

  it('is refused once the case is escalated', () => {
    const error = domainErrorOf(() => transition(caseIn('escalated'), { type: 'edit_claim', claim: usd(1) }, buyer, day(5)));
    expect(error.code).toBe('invalid_state');
  });
});

describe('make_offer', () => {
  const offer = (amount = usd(5000)): CaseAction => ({ type: 'make_offer', amount, note: 'Half the shipment was fine.' });

  it('supplier offer: open → negotiating, answers the supplier response deadline', () => {
    const result = transition(caseIn('open'), offer(), supplier, day(1));
    expect(result.status).toBe('negotiating');
    expect(result.changes).toEqual({ latestOffer: { amount: usd(5000), by: 'supplier', at: day(1) } });
    expect(kindsOf(result.stopDeadlines)).toEqual(['supplier_response']);
    expect(result.events).toEqual([
      { type: 'case.offer_made', data: { amount: usd(5000), by: 'supplier', note: 'Half the shipment was fine.' } },
    ]);
  });

  it('buyer counter in negotiating', () => {
    const result = transition(caseIn('negotiating'), offer(usd(7000)), buyer, day(2));
    expect(result.status).toBe('negotiating');
    expect(result.changes.latestOffer).toEqual({ amount: usd(7000), by: 'buyer', at: day(2) });
    expect(kindsOf(result.stopDeadlines)).toEqual([]);
    expect(result.events[0].data).toMatchObject({ by: 'buyer' });
  });

  it('records a missing note as null', () => {
    const result = transition(caseIn('open'), { type: 'make_offer', amount: usd(100) }, supplier, day(1));
    expect(result.events[0].data.note).toBeNull();
  });

  it('refuses the buyer in open: there is nothing to counter', () => {
    expect(domainErrorOf(() => transition(caseIn('open'), offer(), buyer, day(1))).code).toBe('invalid_state');
  });

  it('offers alternate: the party with the latest offer waits', () => {
    expect(domainErrorOf(() => transition(caseIn('negotiating'), offer(), supplier, day(2))).code).toBe('invalid_state');
    const countered = caseIn('negotiating', { latestOffer: { amount: usd(7000), by: 'buyer', at: day(2) } });
    expect(domainErrorOf(() => transition(countered, offer(), buyer, day(2))).code).toBe('invalid_state');
    expect(transition(countered, offer(usd(6000)), supplier, day(2)).status).toBe('negotiating');
  });

  it.each([
    [usd(8001), 'amount_exceeds_order', 'amount'], // above the claim of 8000
    [usd(10001), 'amount_exceeds_order', 'amount'], // above the order amount
    [usd(0), 'validation_failed', 'amount'],
    [usd(-5), 'validation_failed', 'amount'],
    [{ amount: 5000, currency: 'EUR' }, 'currency_mismatch', 'amount.currency'],
  ])('refuses %j with %s', (amount, code, field) => {
    expect(domainErrorOf(() => transition(caseIn('open'), offer(amount), supplier, day(1)))).toMatchObject({ code, field });
  });
});

describe('accept_offer', () => {
  it('the supplier accepts the claim in open: resolved for the claim', () => {
    const result = transition(caseIn('open'), { type: 'accept_offer' }, supplier, day(1));
    const outcome = { kind: 'agreed', refund: usd(8000) };
    expect(result.status).toBe('resolved');
    expect(result.changes).toEqual({ outcome, overdue: false, resolvedAt: day(1), closedAt: day(1) });
    expect(kindsOf(result.stopDeadlines)).toEqual(['supplier_response', 'escalation_allowed', 'auto_escalation']);
    expect(result.startDeadlines).toEqual([]);
    expect(result.events).toEqual([
      { type: 'case.offer_accepted', data: { amount: usd(8000), by: 'supplier' } },
      { type: 'case.resolved', data: { outcome } },
    ]);
  });

  it('the buyer accepts the supplier offer: resolved for the offer', () => {
    const result = transition(caseIn('negotiating'), { type: 'accept_offer' }, buyer, day(2));
    expect(result.changes.outcome).toEqual({ kind: 'agreed', refund: usd(5000) });
    expect(kindsOf(result.stopDeadlines)).toEqual(['escalation_allowed', 'auto_escalation']);
  });

  it('the supplier accepts the buyer counter', () => {
    const countered = caseIn('negotiating', { latestOffer: { amount: usd(7000), by: 'buyer', at: day(2) } });
    expect(transition(countered, { type: 'accept_offer' }, supplier, day(2)).changes.outcome).toEqual({
      kind: 'agreed',
      refund: usd(7000),
    });
  });

  it('refuses the party whose offer it is, and the buyer when nothing was offered', () => {
    expect(domainErrorOf(() => transition(caseIn('negotiating'), { type: 'accept_offer' }, supplier, day(2))).code).toBe('invalid_state');
    expect(domainErrorOf(() => transition(caseIn('open'), { type: 'accept_offer' }, buyer, day(1))).code).toBe('invalid_state');
  });
});

describe('submit_rebuttal', () => {
  const rebuttal: CaseAction = { type: 'submit_rebuttal', statement: 'The pallets were photographed intact at loading.' };

  it('records the statement, keeps the status, answers the supplier response deadline', () => {
    const result = transition(caseIn('open'), rebuttal, supplier, day(1));
    expect(result.status).toBe('open');
    expect(result.changes).toEqual({ rebuttal: 'The pallets were photographed intact at loading.' });
    expect(kindsOf(result.stopDeadlines)).toEqual(['supplier_response']);
    expect(result.events).toEqual([
      { type: 'case.rebuttal_submitted', data: { statement: 'The pallets were photographed intact at loading.' } },
    ]);
  });

  it('is given once', () => {
    const rebutted = caseIn('open', { rebuttal: 'Already said.' });
    expect(domainErrorOf(() => transition(rebutted, rebuttal, supplier, day(1))).code).toBe('invalid_state');
  });

  it('must say something', () => {
    const blank: CaseAction = { type: 'submit_rebuttal', statement: '' };
    expect(domainErrorOf(() => transition(caseIn('open'), blank, supplier, day(1)))).toMatchObject({
      code: 'validation_failed',
      field: 'statement',
    });
  });
});

describe('escalate', () => {
  it('moves to escalated from escalationAllowedAfter on, and starts the pickup clock', () => {
    const result = transition(caseIn('open'), { type: 'escalate', reason: 'No answer' }, buyer, day(3));
    expect(result.status).toBe('escalated');
    expect(result.changes).toEqual({ escalatedAt: day(3) });
    expect(kindsOf(result.stopDeadlines)).toEqual(['supplier_response', 'escalation_allowed', 'auto_escalation']);
    expect(result.startDeadlines).toEqual([{ kind: 'pickup', party: 'specialist', dueAt: day(5) }]);
    expect(result.events).toEqual([{ type: 'case.escalated', data: { by: 'buyer', reason: 'No answer' } }]);
  });

  it('by the supplier from negotiating, stopping only what is still open', () => {
    const result = transition(caseIn('negotiating', { openDeadlines: [] }), { type: 'escalate' }, supplier, day(5));
    expect(kindsOf(result.stopDeadlines)).toEqual([]);
    expect(result.events[0].data).toEqual({ by: 'supplier', reason: null });
  });

  it('is too_early before escalationAllowedAfter', () => {
    const error = domainErrorOf(() => transition(caseIn('open'), { type: 'escalate' }, supplier, day(2.99)));
    expect(error.code).toBe('too_early');
    expect(error.message).toContain(day(3).toISOString());
  });

  it('is refused once escalated', () => {
    expect(domainErrorOf(() => transition(caseIn('escalated'), { type: 'escalate' }, buyer, day(5))).code).toBe('invalid_state');
  });
});

describe('withdraw', () => {
  it.each(['open', 'negotiating', 'escalated', 'under_review'] as const)('closes a %s case and stops every deadline', (status) => {
    const snapshot = caseIn(status);
    const result = transition(snapshot, { type: 'withdraw' }, buyer, day(6));
    expect(result.status).toBe('withdrawn');
    expect(result.changes).toEqual({ overdue: false, closedAt: day(6) });
    expect(kindsOf(result.stopDeadlines)).toEqual(snapshot.openDeadlines.map((deadline) => deadline.kind));
    expect(result.events).toEqual([{ type: 'case.withdrawn', data: {} }]);
  });

  it('clears the overdue flag of a case the decision SLA had flagged: an ended case is overdue no more', () => {
    const overdue = caseIn('under_review', { overdue: true, openDeadlines: [{ kind: 'decision', party: 'specialist', dueAt: day(5) }] });
    const result = transition(overdue, { type: 'withdraw' }, buyer, day(6));
    expect(result.changes.overdue).toBe(false);
    expect(kindsOf(result.stopDeadlines)).toEqual(['decision']);
  });

  it.each(['decided', 'appealed'] as const)('is too late once %s', (status) => {
    expect(domainErrorOf(() => transition(caseIn(status), { type: 'withdraw' }, buyer, day(12))).code).toBe('invalid_state');
  });
});
