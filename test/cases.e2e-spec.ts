import { ledgerViolations, newParties, openDispute, orderAt, Parties, RATIONALE, startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

const DAY = 86_400_000;

describe('Case lifecycle (e2e)', () => {
  let t: TestApp;
  let specialist: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock));
    specialist = await testUser('specialist');
    reviewer = await testUser('reviewer');
  });
  afterAll(() => t.close());

  const post = (path: string, user: TestUser, body: object = {}) => t.http.post(path).set(user.auth).send(body);
  const usd = (amount: number) => ({ amount, currency: 'USD' });

  async function timelineTypes(caseId: string, user: TestUser): Promise<string[]> {
    const res = await t.http.get(`/v1/cases/${caseId}/timeline?limit=100`).set(user.auth).expect(200);
    return res.body.data.map((e: { type: string }) => e.type);
  }

  async function ledgerOf(orderId: string, user: TestUser) {
    return (await t.http.get(`/v1/orders/${orderId}/ledger`).set(user.auth).expect(200)).body;
  }

  /** Escalated by the buyer once allowed, then taken by the specialist from the queue. */
  async function underReview(p: Parties, claim = 40_000) {
    const opened = await openDispute(t.http, p, claim);
    await post(`/v1/cases/${opened.caseId}/rebuttal`, p.supplier, { statement: 'The bolts shipped exactly as specified.' }).expect(200);
    t.clock.advance(3 * DAY);
    await post(`/v1/cases/${opened.caseId}/escalate`, p.buyer, { reason: 'No agreement' }).expect(200);
    const taken = await post(`/v1/cases/${opened.caseId}/assignment`, specialist).expect(200);
    expect(taken.body).toMatchObject({ status: 'under_review', specialistId: specialist.id });
    return opened;
  }

  it('opens a case with its deadlines and the policy it was opened under', async () => {
    const p = await newParties();
    const { body } = await openDispute(t.http, p);
    expect(body).toMatchObject({
      status: 'open',
      claim: usd(40_000),
      latestOffer: null,
      decision: null,
      outcome: null,
      appeals: [],
      overdue: false,
      policy: expect.objectContaining({ supplierResponse: 'P3D', appealWindow: 'P10D' }),
    });
    expect((body.deadlines as Array<{ kind: string }>).map((d) => d.kind).sort()).toEqual(['auto_escalation', 'escalation_allowed', 'supplier_response']);
  });

  it('resolves when the supplier accepts the claim: refund from escrow, the rest released, one refund record', async () => {
    const p = await newParties();
    const { caseId, orderId } = await openDispute(t.http, p, 40_000);
    const res = await post(`/v1/cases/${caseId}/offers/accept`, p.supplier).expect(200);
    expect(res.body).toMatchObject({ status: 'resolved', outcome: { kind: 'agreed', refund: usd(40_000) }, deadlines: [] });

    const refund = await t.http.get(`/v1/cases/${caseId}/refund`).set(p.buyer.auth).expect(200);
    expect(refund.body).toMatchObject({ status: 'pending', amount: usd(40_000), paymentMethod: 'credit_card', orderId });
    const ledger = await ledgerOf(orderId, p.buyer);
    expect(ledger.balances).toEqual({ held: usd(0), released: usd(60_000), refunded: usd(40_000) });
    expect(await timelineTypes(caseId, p.buyer)).toEqual(['case.opened', 'case.offer_accepted', 'case.resolved', 'refund.created']);
  });

  it('resolves on an offer accepted after counter-offers', async () => {
    const p = await newParties();
    const { caseId } = await openDispute(t.http, p, 40_000);
    await post(`/v1/cases/${caseId}/offers`, p.supplier, { amount: usd(20_000), note: 'Half of the claim' }).expect(200);
    await post(`/v1/cases/${caseId}/offers`, p.buyer, { amount: usd(35_000) }).expect(200);
    const third = await post(`/v1/cases/${caseId}/offers`, p.supplier, { amount: usd(30_000) }).expect(200);
    expect(third.body).toMatchObject({ status: 'negotiating', latestOffer: { amount: usd(30_000), by: 'supplier' } });
    // Offers alternate: the supplier cannot bid against itself.
    expect((await post(`/v1/cases/${caseId}/offers`, p.supplier, { amount: usd(28_000) }).expect(409)).body.code).toBe('invalid_state');
    // Only the party the offer was made to accepts it.
    await post(`/v1/cases/${caseId}/offers/accept`, p.supplier).expect(409);
    const done = await post(`/v1/cases/${caseId}/offers/accept`, p.buyer).expect(200);
    expect(done.body).toMatchObject({ status: 'resolved', outcome: { kind: 'agreed', refund: usd(30_000) } });
    expect(await timelineTypes(caseId, p.supplier)).toEqual([
      'case.opened',
      'case.offer_made',
      'case.offer_made',
      'case.offer_made',
      'case.offer_accepted',
      'case.resolved',
      'refund.created',
    ]);
  });

  it('accepts only the amount the acceptor names: 409 offer_changed when the claim or the offer moved meanwhile', async () => {
    const p = await newParties();
    const { caseId } = await openDispute(t.http, p, 40_000);
    // The supplier looked at a claim of 400.00; the buyer raised it to 450.00 before the click landed.
    await t.http.patch(`/v1/cases/${caseId}`).set(p.buyer.auth).send({ claim: usd(45_000) }).expect(200);
    const stale = await post(`/v1/cases/${caseId}/offers/accept`, p.supplier, { amount: usd(40_000) }).expect(409);
    expect(stale.body).toMatchObject({ code: 'offer_changed', errors: [{ field: 'amount' }] });
    expect((await t.http.get(`/v1/cases/${caseId}`).set(p.buyer.auth).expect(200)).body.status).toBe('open');
    // A counter-offer arrives while the buyer is accepting the supplier's first offer.
    await post(`/v1/cases/${caseId}/offers`, p.supplier, { amount: usd(20_000) }).expect(200);
    await post(`/v1/cases/${caseId}/offers`, p.buyer, { amount: usd(30_000) }).expect(200);
    await post(`/v1/cases/${caseId}/offers`, p.supplier, { amount: usd(25_000) }).expect(200);
    await post(`/v1/cases/${caseId}/offers/accept`, p.buyer, { amount: usd(20_000) }).expect(409);
    const done = await post(`/v1/cases/${caseId}/offers/accept`, p.buyer, { amount: usd(25_000) }).expect(200);
    expect(done.body).toMatchObject({ status: 'resolved', outcome: { kind: 'agreed', refund: usd(25_000) } });
  });

  it('lets the buyer edit the claim while bargaining, in the order currency and up to the order amount', async () => {
    const p = await newParties();
    const { caseId } = await openDispute(t.http, p, 40_000);
    const edited = await t.http.patch(`/v1/cases/${caseId}`).set(p.buyer.auth).send({ claim: usd(50_000) }).expect(200);
    expect(edited.body.claim).toEqual(usd(50_000));
    const tooMuch = await t.http.patch(`/v1/cases/${caseId}`).set(p.buyer.auth).send({ claim: usd(100_001) }).expect(422);
    expect(tooMuch.body).toMatchObject({ code: 'amount_exceeds_order', errors: [{ field: 'claim.amount' }] });
    const euro = await t.http.patch(`/v1/cases/${caseId}`).set(p.buyer.auth).send({ claim: { amount: 100, currency: 'EUR' } }).expect(422);
    expect(euro.body.code).toBe('currency_mismatch');
    await t.http.patch(`/v1/cases/${caseId}`).set(p.supplier.auth).send({ description: 'The supplier rewrites the claim' }).expect(403);
  });

  it('rebuttal, escalation, decision with a full refund, then final once the appeal window passes', async () => {
    const p = await newParties();
    const { caseId, orderId } = await openDispute(t.http, p, 40_000);
    await post(`/v1/cases/${caseId}/rebuttal`, p.supplier, { statement: 'The bolts shipped exactly as specified.' }).expect(200);
    const early = await post(`/v1/cases/${caseId}/escalate`, p.supplier).expect(409);
    expect(early.body.code).toBe('too_early');
    t.clock.advance(3 * DAY);
    const escalated = await post(`/v1/cases/${caseId}/escalate`, p.supplier, { reason: 'The buyer will not move' }).expect(200);
    expect(escalated.body).toMatchObject({ status: 'escalated', deadlines: [expect.objectContaining({ kind: 'pickup', party: 'specialist' })] });

    const queue = await t.http.get('/v1/queue').set(specialist.auth).expect(200);
    expect(queue.body.data.map((c: { id: string }) => c.id)).toContain(caseId);
    await post(`/v1/cases/${caseId}/assignment`, specialist).expect(200);
    const otherSpecialist = await testUser('specialist');
    const taken = await post(`/v1/cases/${caseId}/assignment`, otherSpecialist).expect(409);
    expect(taken.body.code).toBe('invalid_state');
    await t.http.get(`/v1/cases/${caseId}`).set(otherSpecialist.auth).expect(404);

    const decided = await post(`/v1/cases/${caseId}/decision`, specialist, { outcome: 'refund_full', rationale: RATIONALE }).expect(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      decision: { outcome: 'refund_full', refund: usd(40_000), decidedBy: specialist.id, rationale: RATIONALE },
      deadlines: [expect.objectContaining({ kind: 'appeal', party: 'buyer' }), expect.objectContaining({ kind: 'appeal', party: 'supplier' })],
    });
    t.clock.advance(10 * DAY + 1000);
    const late = await post(`/v1/cases/${caseId}/appeals`, p.supplier, { reason: 'I disagree with the decision' }).expect(409);
    expect(late.body.code).toBe('deadline_passed');
    expect((await ledgerOf(orderId, p.buyer)).balances.held).toEqual(usd(100_000));
  });

  it("names each queued case's order by its externalRef, null when the marketplace gave none", async () => {
    const openedOn = async (externalRef?: string) => {
      const p = await newParties();
      const order = await orderAt(t.http, p, 'delivered', { externalRef });
      const opened = await post('/v1/cases', p.buyer, { orderId: order.id, reason: 'damaged', claim: usd(10_000), description: 'The crates arrived split open.' }).expect(201);
      return { id: opened.body.id as string, buyer: p.buyer };
    };
    const [ref, noRef] = [await openedOn('PO-QUEUE-7731'), await openedOn(undefined)];
    t.clock.advance(3 * DAY);
    for (const c of [ref, noRef]) await post(`/v1/cases/${c.id}/escalate`, c.buyer).expect(200);
    const [withRef, withoutRef] = [ref.id, noRef.id];

    const rows = new Map<string, { orderExternalRef: string | null; status: string }>();
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { data: Array<{ id: string; orderExternalRef: string | null; status: string }>; nextCursor: string | null } } = await t.http
        .get(`/v1/queue?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .set(specialist.auth)
        .expect(200);
      for (const row of page.body.data) rows.set(row.id, row);
      cursor = page.body.nextCursor;
    }
    expect(rows.get(withRef)).toMatchObject({ status: 'escalated', orderExternalRef: 'PO-QUEUE-7731' });
    expect(rows.get(withoutRef)).toMatchObject({ status: 'escalated', orderExternalRef: null });
    // The queue's own addition: a case read anywhere else stays a Case.
    expect((await t.http.get(`/v1/cases/${withRef}`).set(specialist.auth).expect(200)).body).not.toHaveProperty('orderExternalRef');
    // Taken, so the later tests' "queue/next" gets their own cases.
    for (const id of [withRef, withoutRef]) await post(`/v1/cases/${id}/assignment`, specialist).expect(200);
  });

  it.each([
    ['refund_partial', { refund: usd(15_000) }, 15_000],
    ['no_refund', {}, 0],
  ])('decides %s', async (outcome, extra, refund) => {
    const p = await newParties();
    const { caseId } = await underReview(p);
    const res = await post(`/v1/cases/${caseId}/decision`, specialist, { outcome, rationale: RATIONALE, ...extra }).expect(200);
    expect(res.body.decision).toMatchObject({ outcome, refund: usd(refund) });
  });

  it('refuses a partial refund above the claim, and a decision by anyone but the assigned specialist', async () => {
    const p = await newParties();
    const { caseId } = await underReview(p, 40_000);
    const above = await post(`/v1/cases/${caseId}/decision`, specialist, { outcome: 'refund_partial', refund: usd(40_001), rationale: RATIONALE });
    expect(above.status).toBe(422);
    expect(above.body).toMatchObject({ code: 'amount_exceeds_order', errors: [{ field: 'refund.amount' }] });
    const byBuyer = await post(`/v1/cases/${caseId}/decision`, p.buyer, { outcome: 'refund_full', rationale: RATIONALE }).expect(403);
    expect(byBuyer.body.code).toBe('forbidden');
    const short = await post(`/v1/cases/${caseId}/decision`, specialist, { outcome: 'no_refund', rationale: 'too short' }).expect(400);
    expect(short.body.errors[0].field).toBe('rationale');
  });

  it('appeal upheld: the decision stands, once per party, never by the deciding specialist', async () => {
    const p = await newParties();
    const { caseId, orderId } = await underReview(p, 40_000);
    await post(`/v1/cases/${caseId}/decision`, specialist, { outcome: 'refund_partial', refund: usd(10_000), rationale: RATIONALE }).expect(200);
    const appealed = await post(`/v1/cases/${caseId}/appeals`, p.buyer, { reason: 'The refund does not cover the damage.' }).expect(200);
    expect(appealed.body).toMatchObject({ status: 'appealed', appeals: [expect.objectContaining({ by: 'buyer' })] });
    const twice = await post(`/v1/cases/${caseId}/appeals`, p.buyer, { reason: 'Appealing a second time.' }).expect(409);
    expect(twice.body.code).toBe('already_appealed');

    const selfReview = await testUser('reviewer', specialist.id);
    const conflict = await post(`/v1/cases/${caseId}/assignment`, selfReview).expect(409);
    expect(conflict.body.code).toBe('conflict_of_interest');

    await post(`/v1/cases/${caseId}/assignment`, reviewer).expect(200);
    const ruled = await post(`/v1/cases/${caseId}/appeal-decision`, reviewer, { ruling: 'upheld', rationale: 'The specialist weighed the photos fairly.' }).expect(200);
    expect(ruled.body).toMatchObject({
      status: 'resolved',
      appealDecision: { ruling: 'upheld', refund: usd(10_000), decidedBy: reviewer.id },
      outcome: { kind: 'appeal', refund: usd(10_000) },
    });
    expect((await ledgerOf(orderId, p.supplier)).balances).toEqual({ held: usd(0), released: usd(90_000), refunded: usd(10_000) });
  });

  it('appeal modified: the reviewer sets a new refund, recovered from the supplier when the escrow was released', async () => {
    const p = await newParties();
    const opened = await openDispute(t.http, p, 40_000, 'completed');
    const order = await ledgerOf(opened.orderId, p.buyer);
    expect(order.balances.released).toEqual(usd(100_000));
    await post(`/v1/cases/${opened.caseId}/rebuttal`, p.supplier, { statement: 'The bolts shipped exactly as specified.' }).expect(200);
    t.clock.advance(3 * DAY);
    await post(`/v1/cases/${opened.caseId}/escalate`, p.buyer).expect(200);
    await post(`/v1/queue/next`, specialist).expect(200);
    await post(`/v1/cases/${opened.caseId}/decision`, specialist, { outcome: 'no_refund', rationale: RATIONALE }).expect(200);
    await post(`/v1/cases/${opened.caseId}/appeals`, p.buyer, { reason: 'The photos prove the defect.' }).expect(200);
    await post(`/v1/queue/next`, reviewer).expect(200);
    const ruled = await post(`/v1/cases/${opened.caseId}/appeal-decision`, reviewer, {
      ruling: 'modified',
      refund: usd(25_000),
      rationale: 'Half the lot has the wrong thread; refund a quarter.',
    }).expect(200);
    expect(ruled.body.outcome).toEqual({ kind: 'appeal', refund: usd(25_000) });
    const ledger = await ledgerOf(opened.orderId, p.buyer);
    expect(ledger.data.filter((e: { kind: string }) => e.kind === 'recovery').map((e: { account: string; amount: { amount: number } }) => [e.account, e.amount.amount])).toEqual([
      [`supplier:${p.supplier.id}`, -25_000],
      [`refund_payable:${opened.caseId}`, 25_000],
    ]);
    expect((await t.http.get(`/v1/cases/${opened.caseId}/refund`).set(p.buyer.auth).expect(200)).body.amount).toEqual(usd(25_000));
  });

  it('withdrawal closes the case without a refund and unfreezes the escrow', async () => {
    const p = await newParties();
    const { caseId, orderId } = await openDispute(t.http, p);
    await post(`/v1/orders/${orderId}/receipt`, p.buyer).expect(200);
    expect((await ledgerOf(orderId, p.buyer)).balances.held).toEqual(usd(100_000));
    const withdrawn = await post(`/v1/cases/${caseId}/withdraw`, p.buyer).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', deadlines: [] });
    expect(withdrawn.body.closedAt).toEqual(expect.any(String));
    expect((await ledgerOf(orderId, p.buyer)).balances).toEqual({ held: usd(0), released: usd(100_000), refunded: usd(0) });
    await t.http.get(`/v1/cases/${caseId}/refund`).set(p.buyer.auth).expect(404);
    expect((await post(`/v1/cases/${caseId}/withdraw`, p.buyer).expect(409)).body.code).toBe('invalid_state');
    // A withdrawn case does not block a new one while the order is covered.
    await post('/v1/cases', p.buyer, { orderId, reason: 'damaged', claim: usd(1_000), description: 'Second look: boxes were crushed.' }).expect(201);
  });

  describe('opening refusals', () => {
    it('case_already_open, also under concurrency', async () => {
      const p = await newParties();
      const order = await orderAt(t.http, p, 'delivered');
      const body = { orderId: order.id, reason: 'damaged', claim: usd(5_000), description: 'Crushed boxes on arrival.' };
      const results = await Promise.all(Array.from({ length: 5 }, () => post('/v1/cases', p.buyer, body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'case_already_open')).toBe(true);
    });

    it('not_covered: not a Trade Assurance member, customised, unpaid, reason that does not fit', async () => {
      const p = await newParties();
      const open = (orderId: string, reason = 'damaged') =>
        post('/v1/cases', p.buyer, { orderId, reason, claim: usd(5_000), description: 'Crushed boxes on arrival.' });
      expect((await open((await orderAt(t.http, p, 'delivered', { tradeAssurance: false })).id).expect(422)).body.code).toBe('not_covered');
      expect((await open((await orderAt(t.http, p, 'delivered', { customized: true })).id).expect(422)).body.code).toBe('not_covered');
      expect((await open((await orderAt(t.http, p, 'created')).id).expect(422)).body.code).toBe('not_covered');
      expect((await open((await orderAt(t.http, p, 'paid')).id, 'damaged').expect(422)).body.code).toBe('not_covered');
      // Not shipped by the ship-by date is covered once that date has passed.
      const late = await orderAt(t.http, p, 'paid', { shipBy: new Date(Date.now() - DAY).toISOString() });
      await open(late.id, 'not_shipped_on_time').expect(201);
    });

    it('claim_window_closed, amount_exceeds_order, currency_mismatch, another buyer’s order', async () => {
      const p = await newParties();
      const order = await orderAt(t.http, p, 'completed');
      const body = { orderId: order.id, reason: 'wrong_item', description: 'These are washers, not bolts.' };
      expect((await post('/v1/cases', p.buyer, { ...body, claim: usd(100_001) }).expect(422)).body.code).toBe('amount_exceeds_order');
      expect((await post('/v1/cases', p.buyer, { ...body, claim: { amount: 10, currency: 'EUR' } }).expect(422)).body.code).toBe('currency_mismatch');
      const stranger = await testUser('buyer');
      await post('/v1/cases', stranger, { ...body, claim: usd(1_000) }).expect(404);
      await post('/v1/cases', p.supplier, { ...body, claim: usd(1_000) }).expect(403);
      t.clock.advance(31 * DAY);
      expect((await post('/v1/cases', p.buyer, { ...body, claim: usd(1_000) }).expect(422)).body.code).toBe('claim_window_closed');
    });

    it('validation_failed names the field; a buyer cannot set status or an assignee', async () => {
      const p = await newParties();
      const order = await orderAt(t.http, p);
      const body = { orderId: order.id, reason: 'damaged', claim: usd(1_000), description: 'Crushed boxes on arrival.' };
      const extra = await post('/v1/cases', p.buyer, { ...body, status: 'resolved', specialistId: p.buyer.id }).expect(400);
      expect(extra.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['specialistId', 'status']);
      expect((await post('/v1/cases', p.buyer, { ...body, reason: 'changed_my_mind' }).expect(400)).body.errors[0].field).toBe('reason');
      expect((await post('/v1/cases', p.buyer, { ...body, description: 'short' }).expect(400)).body.errors[0].field).toBe('description');
      expect((await post('/v1/cases', p.buyer, { ...body, claim: usd(0) }).expect(400)).body.errors[0].field).toBe('claim.amount');
    });
  });

  it('messages: participants post and read them oldest first; the timeline records them', async () => {
    const p = await newParties();
    const { caseId } = await openDispute(t.http, p);
    const first = await post(`/v1/cases/${caseId}/messages`, p.buyer, { body: 'Photos attached tomorrow.' }).expect(201);
    expect(first.body).toMatchObject({ caseId, authorId: p.buyer.id, authorRole: 'buyer', evidenceIds: [] });
    await post(`/v1/cases/${caseId}/messages`, p.supplier, { body: 'Waiting for them.' }).expect(201);
    const list = await t.http.get(`/v1/cases/${caseId}/messages?limit=1`).set(p.supplier.auth).expect(200);
    expect(list.body.data[0].body).toBe('Photos attached tomorrow.');
    const next = await t.http.get(`/v1/cases/${caseId}/messages?limit=1&cursor=${list.body.nextCursor}`).set(p.supplier.auth).expect(200);
    expect(next.body).toMatchObject({ data: [{ body: 'Waiting for them.' }], nextCursor: null });
    const admin = await testUser('admin');
    await post(`/v1/cases/${caseId}/messages`, admin, { body: 'Admins only read.' }).expect(403);
    await post(`/v1/cases/${caseId}/messages`, p.buyer, { body: 'x', evidenceIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);
    expect(await timelineTypes(caseId, p.buyer)).toEqual(['case.opened', 'case.message_posted', 'case.message_posted']);
  });

  it('the timeline of a finished case lists every step with actor and time', async () => {
    const p = await newParties();
    const { caseId } = await underReview(p, 40_000);
    await post(`/v1/cases/${caseId}/decision`, specialist, { outcome: 'refund_full', rationale: RATIONALE }).expect(200);
    await post(`/v1/cases/${caseId}/appeals`, p.supplier, { reason: 'The defect was caused in transit.' }).expect(200);
    await post(`/v1/cases/${caseId}/assignment`, reviewer).expect(200);
    await post(`/v1/cases/${caseId}/appeal-decision`, reviewer, { ruling: 'upheld', rationale: 'The packaging was intact on arrival.' }).expect(200);
    const events = (await t.http.get(`/v1/cases/${caseId}/timeline`).set(p.buyer.auth).expect(200)).body.data as Array<{
      type: string;
      actor: { id: string; role: string } | null;
      at: string;
    }>;
    expect(events.map((e) => [e.type, e.actor?.role ?? 'system'])).toEqual([
      ['case.opened', 'buyer'],
      ['case.rebuttal_submitted', 'supplier'],
      ['case.escalated', 'buyer'],
      ['case.assigned', 'specialist'],
      ['case.decided', 'specialist'],
      ['case.appealed', 'supplier'],
      ['case.assigned', 'reviewer'],
      ['case.appeal_decided', 'reviewer'],
      ['case.resolved', 'reviewer'],
      ['refund.created', 'system'],
    ]);
    expect(events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM refunds WHERE case_id = $1`, [caseId]);
    expect(count).toBe(1);
    const [{ outbox }] = await t.dataSource.query(`SELECT count(*)::int AS outbox FROM outbox WHERE case_id = $1`, [caseId]);
    expect(outbox).toBe(events.length);
  });

  it('answers 401 without a token and replays an action sent twice with one Idempotency-Key', async () => {
    const p = await newParties();
    const { caseId } = await openDispute(t.http, p, 40_000);
    expect((await t.http.get(`/v1/cases/${caseId}`).expect(401)).body.code).toBe('unauthenticated');
    await t.http.post(`/v1/cases/${caseId}/offers`).send({ amount: usd(1_000) }).expect(401);
    const offer = { amount: usd(20_000) };
    const first = await t.http.post(`/v1/cases/${caseId}/offers`).set(p.supplier.auth).set('Idempotency-Key', 'offer-1').send(offer).expect(200);
    const again = await t.http.post(`/v1/cases/${caseId}/offers`).set(p.supplier.auth).set('Idempotency-Key', 'offer-1').send(offer).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await t.http.post(`/v1/cases/${caseId}/offers`).set(p.supplier.auth).set('Idempotency-Key', 'offer-1').send({ amount: usd(21_000) }).expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await timelineTypes(caseId, p.buyer)).toEqual(['case.opened', 'case.offer_made']);
  });

  it('keeps the ledger invariants and one refund record per refunded case across all of the above', async () => {
    expect(await ledgerViolations(t.dataSource)).toEqual([]);
  });

  it('lists only the cases the caller may see, with filters and cursors', async () => {
    const p = await newParties();
    const a = await openDispute(t.http, p);
    const b = await openDispute(t.http, p);
    const mine = await t.http.get('/v1/cases?limit=1').set(p.buyer.auth).expect(200);
    expect(mine.body.data).toHaveLength(1);
    const rest = await t.http.get(`/v1/cases?limit=1&cursor=${mine.body.nextCursor}`).set(p.buyer.auth).expect(200);
    expect([mine.body.data[0].id, rest.body.data[0].id].sort()).toEqual([a.caseId, b.caseId].sort());
    const filtered = await t.http.get(`/v1/cases?orderId=${a.orderId}&status=open`).set(p.supplier.auth).expect(200);
    expect(filtered.body.data.map((c: { id: string }) => c.id)).toEqual([a.caseId]);
    const stranger = await testUser('supplier');
    expect((await t.http.get('/v1/cases').set(stranger.auth).expect(200)).body.data).toEqual([]);
    await t.http.get('/v1/cases?limit=101').set(p.buyer.auth).expect(400);
  });
});
