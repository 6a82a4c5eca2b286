import { orderAt, newParties, startTestApp, SupplierFixtures, TestApp, testUser, TestUser } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The tests' now: the last day of August, so six calendar months back is the last day of February.
const NOW = new Date('2031-08-31T12:00:00.000Z');
const at = (iso: string) => new Date(iso);
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** Moves the app's clock to NOW (plus the milliseconds the test has run since). */
function setClock(t: TestApp): void {
  t.clock.advance(NOW.getTime() - t.clock.now().getTime());
}

/**
 * An eligible supplier, with rows on both sides of every edge: 40 orders completed in the six months (one a minute
 * after the period starts, three a minute before it, which only the 12 months count), 5 more within 12 months, 2
 * older; two disputes, one agreed after a 2-hour answer, one opened yesterday and not answered yet.
 */
async function seedEligibleSupplier(rows: SupplierFixtures, supplierId: string): Promise<void> {
  for (let i = 0; i < 20; i++) await rows.order({ supplierId, amount: 1_000, completedAt: at('2031-05-10T08:00:00Z') });
  for (let i = 0; i < 17; i++) await rows.order({ supplierId, amount: 2_000, completedAt: at('2031-07-01T23:59:59Z') });
  for (let i = 0; i < 2; i++) await rows.order({ supplierId, amount: 500, currency: 'EUR', completedAt: at('2031-08-31T11:00:00Z') });
  await rows.order({ supplierId, amount: 7, completedAt: at('2031-02-28T12:01:00Z') }); // just inside the six months
  for (let i = 0; i < 3; i++) await rows.order({ supplierId, amount: 100_000, completedAt: at('2031-02-28T11:59:00Z') }); // just outside
  for (let i = 0; i < 5; i++) await rows.order({ supplierId, amount: 10_000, completedAt: at('2030-12-01T00:00:00Z') });
  for (let i = 0; i < 2; i++) await rows.order({ supplierId, amount: 10_000, completedAt: at('2030-08-30T12:00:00Z') }); // over 12 months
  await rows.order({ supplierId, amount: 99_999, status: 'delivered' }); // never completed
  const opened = at('2031-06-15T10:00:00Z');
  await rows.case({ supplierId, openedAt: opened, respondedAt: new Date(opened.getTime() + 2 * HOUR), outcome: 'agreed', refund: 300 });
  await rows.case({ supplierId, openedAt: new Date(NOW.getTime() - DAY) });
  // Outside the six months: a lost dispute, which only the 12 months' response figures see.
  await rows.case({ supplierId, openedAt: at('2031-02-28T11:00:00Z'), respondedAt: at('2031-03-05T11:00:00Z'), outcome: 'supplier_unresponsive', refund: 1000 });
}

describe('Supplier standing and storefront (e2e)', () => {
  let t: TestApp;
  let rows: SupplierFixtures;
  let buyer: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock));
    setClock(t);
    rows = new SupplierFixtures(t.dataSource);
    buyer = await testUser('buyer');
    admin = await testUser('admin');
  });
  afterAll(() => t.close());

  const standing = (supplierId: string, user: TestUser = admin) => t.http.get(`/v1/suppliers/${supplierId}/standing`).set(user.auth);
  const storefront = (supplierId: string, user: TestUser = buyer) => t.http.get(`/v1/suppliers/${supplierId}/storefront`).set(user.auth);

  it('finds a supplier eligible over the last six calendar months, counting exactly from the period\'s start', async () => {
    const supplierId = randomUUID();
    await seedEligibleSupplier(rows, supplierId);
    const res = await standing(supplierId).expect(200);
    expect(res.body).toEqual({
      supplierId,
      period: { from: expect.stringMatching(/^2031-02-28T12:00:/), to: expect.stringMatching(/^2031-08-31T12:00:/) },
      eligible: true,
      reasons: [],
      figures: {
        completedOrders: 40,
        completedValue: [
          { amount: 1_000, currency: 'EUR' },
          { amount: 20 * 1_000 + 17 * 2_000 + 7, currency: 'USD' },
        ],
        disputes: 2,
        awaitingResponse: 1,
        disputeRate: 0.05, // 2 / 40: at the threshold, which passes
        lostRate: 0,
        responseRate: 1, // the one whose answer was due came in time; the other may still
      },
      thresholds: { minOrders: 10, maxDisputeRate: 0.05, maxLostRate: 0.2, minResponseRate: 0.8, period: 'P6M' },
    });
  });

  it('shows buyers the storefront: eligibility, 12 months of trade and how the supplier answers', async () => {
    const supplierId = randomUUID();
    await seedEligibleSupplier(rows, supplierId);
    const res = await storefront(supplierId).expect(200);
    expect(res.body).toEqual({
      supplierId,
      tradeAssurance: { eligible: true, evaluatedAt: expect.stringMatching(/^2031-08-31T12:00:/) },
      last12Months: {
        transactions: 48,
        value: [
          { amount: 1_000, currency: 'EUR' },
          { amount: 20 * 1_000 + 17 * 2_000 + 7 + 3 * 100_000 + 5 * 10_000, currency: 'USD' },
        ],
      },
      responseRate: 0.5, // of two answers due in 12 months, the 2-hour one was in time, the one after five days not
      medianFirstResponseHours: 61, // (2 + 120) / 2
    });
  });

  it('names every rule a supplier fails', async () => {
    const supplierId = randomUUID();
    for (let i = 0; i < 3; i++) await rows.order({ supplierId, completedAt: at('2031-08-01T00:00:00Z') });
    const opened = at('2031-07-01T00:00:00Z');
    await rows.case({ supplierId, openedAt: opened, outcome: 'supplier_unresponsive', refund: 1000 });
    await rows.case({ supplierId, openedAt: opened, respondedAt: new Date(opened.getTime() + HOUR), outcome: 'decision', refund: 1000 });
    await rows.case({ supplierId, openedAt: opened, respondedAt: new Date(opened.getTime() + 4 * DAY), outcome: 'decision', refund: 400 });
    const res = await standing(supplierId).expect(200);
    expect(res.body).toMatchObject({
      eligible: false,
      reasons: ['too_few_orders', 'dispute_rate', 'lost_rate', 'response_rate'],
      figures: { completedOrders: 3, disputes: 3, awaitingResponse: 0, disputeRate: 1, lostRate: 0.6667, responseRate: 0.3333 },
    });

    const slow = randomUUID();
    for (let i = 0; i < 20; i++) await rows.order({ supplierId: slow, completedAt: at('2031-08-01T00:00:00Z') });
    await rows.case({ supplierId: slow, openedAt: opened, respondedAt: new Date(opened.getTime() + 3 * DAY + 1), status: 'negotiating' });
    expect((await standing(slow).expect(200)).body).toMatchObject({ eligible: false, reasons: ['response_rate'], figures: { disputeRate: 0.05, responseRate: 0 } });
  });

  it('answers a supplier it has never heard of: not eligible for lack of orders, rates 0, 0 and 1, zeros on the storefront', async () => {
    const supplierId = randomUUID();
    expect((await standing(supplierId).expect(200)).body).toMatchObject({
      eligible: false,
      reasons: ['too_few_orders'],
      figures: { completedOrders: 0, completedValue: [], disputes: 0, awaitingResponse: 0, disputeRate: 0, lostRate: 0, responseRate: 1 },
    });
    expect((await storefront(supplierId).expect(200)).body).toEqual({
      supplierId,
      tradeAssurance: { eligible: false, evaluatedAt: expect.any(String) },
      last12Months: { transactions: 0, value: [] },
      responseRate: 1,
      medianFirstResponseHours: null,
    });
  });

  it('follows the orders and cases as the API moves them', async () => {
    const parties = await newParties();
    const supplierId = parties.supplier.id;
    for (let i = 0; i < 10; i++) await orderAt(t.http, parties, 'completed');
    expect((await standing(supplierId, parties.supplier).expect(200)).body).toMatchObject({ eligible: true, figures: { completedOrders: 10, disputes: 0 } });

    const disputed = await orderAt(t.http, parties, 'delivered');
    const opened = await t.http
      .post('/v1/cases')
      .set(parties.buyer.auth)
      .send({ orderId: disputed.id, reason: 'damaged', claim: usd(40_000), description: 'Crushed boxes on arrival, photos attached.' })
      .expect(201);
    // Opened, not answered yet: a dispute (1 of 10 orders is too many), but nothing was due from the supplier yet.
    expect((await standing(supplierId, parties.supplier).expect(200)).body).toMatchObject({
      eligible: false,
      reasons: ['dispute_rate'],
      figures: { disputes: 1, awaitingResponse: 1, disputeRate: 0.1, responseRate: 1 },
    });

    await t.http.post(`/v1/cases/${opened.body.id}/offers`).set(parties.supplier.auth).send({ amount: usd(10_000), note: 'A quarter' }).expect(200);
    await t.http.post(`/v1/cases/${opened.body.id}/offers/accept`).set(parties.buyer.auth).send({ amount: usd(10_000) }).expect(200);
    for (let i = 0; i < 10; i++) await orderAt(t.http, parties, 'completed');
    expect((await standing(supplierId, parties.supplier).expect(200)).body).toMatchObject({
      eligible: true,
      reasons: [],
      figures: { completedOrders: 20, disputes: 1, awaitingResponse: 0, disputeRate: 0.05, lostRate: 0, responseRate: 1 },
    });
    const shop = await storefront(supplierId).expect(200);
    expect(shop.body).toMatchObject({ tradeAssurance: { eligible: true }, last12Months: { transactions: 20, value: [usd(20 * 100_000)] }, responseRate: 1 });
    expect(shop.body.medianFirstResponseHours).toBeLessThan(0.01); // answered within the test's second
  });

  it('shows the standing to the supplier itself and to the platform\'s people only (404 for others); the storefront to anyone signed in', async () => {
    const supplier = await testUser('supplier');
    await standing(supplier.id, supplier).expect(200);
    for (const role of ['platform', 'admin', 'specialist', 'reviewer'] as const) await standing(supplier.id, await testUser(role)).expect(200);
    for (const other of [await testUser('supplier'), await testUser('buyer')]) {
      const res = await standing(supplier.id, other).expect(404);
      expect(res.body.code).toBe('not_found');
      await storefront(supplier.id, other).expect(200);
    }
    for (const path of ['standing', 'storefront']) {
      expect((await t.http.get(`/v1/suppliers/${supplier.id}/${path}`).expect(401)).body.code).toBe('unauthenticated');
      const bad = await t.http.get(`/v1/suppliers/not-a-uuid/${path}`).set(admin.auth).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    }
  });
});

describe('Supplier standing under other thresholds (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), {
      POLICY_ELIGIBILITY_MIN_ORDERS: '45',
      POLICY_ELIGIBILITY_MAX_DISPUTE_RATE: '0.01',
      POLICY_ELIGIBILITY_PERIOD: 'P1Y',
    });
    setClock(t);
  });
  afterAll(() => t.close());

  it('measures over the configured period against the configured thresholds', async () => {
    const supplierId = randomUUID();
    await seedEligibleSupplier(new SupplierFixtures(t.dataSource), supplierId);
    const res = await t.http.get(`/v1/suppliers/${supplierId}/standing`).set((await testUser('platform')).auth).expect(200);
    expect(res.body).toMatchObject({
      period: { from: expect.stringMatching(/^2030-08-31T12:00:/) },
      // 48 orders in the year; three disputes of which one lost (a third, above 20 %), one of two answers in time.
      eligible: false,
      reasons: ['dispute_rate', 'lost_rate', 'response_rate'],
      figures: { completedOrders: 48, disputes: 3, disputeRate: 0.0625, lostRate: 0.3333, responseRate: 0.5 },
      thresholds: { minOrders: 45, maxDisputeRate: 0.01, maxLostRate: 0.2, minResponseRate: 0.8, period: 'P1Y' },
    });
  });
});
