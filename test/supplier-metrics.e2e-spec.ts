import { startTestApp, SupplierCaseRow, SupplierFixtures, SupplierOrderRow, TestApp, testUser, TestUser } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('Supplier metrics (e2e)', () => {
  let t: TestApp;
  let buyer: TestUser;
  // Rows written as SQL, placed relative to one moment: a year of trade in a few statements.
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms);

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock));
    buyer = await testUser('buyer');
    rows = new SupplierFixtures(t.dataSource, buyer.id);
  });
  afterAll(() => t.close());

  let rows: SupplierFixtures;
  const insertOrder = (o: SupplierOrderRow) => rows.order(o);

  /** `openedAgo` before the test's moment; answered `respondedAfter` later (undefined: never answered). */
  const insertCase = (c: Omit<SupplierCaseRow, 'openedAt' | 'respondedAt'> & { openedAgo: number; respondedAfter?: number }) => {
    const openedAt = ago(c.openedAgo);
    const respondedAt = c.respondedAfter === undefined ? undefined : new Date(openedAt.getTime() + c.respondedAfter);
    return rows.case({ ...c, openedAt, respondedAt, status: c.status ?? (c.outcome ? undefined : 'negotiating') });
  };

  const metrics = (supplierId: string) => t.http.get(`/v1/suppliers/${supplierId}/metrics`).set(buyer.auth).expect(200);

  const zeros = {
    disputes: 0,
    respondedInTime: 0,
    responseRate: 0,
    medianFirstResponseHours: null,
    outcomes: { agreed: 0, buyerFavoured: 0, supplierFavoured: 0, partial: 0 },
    completedOrders: 0,
    completedValue: [],
  };

  it('counts disputes, on-time answers, median, outcomes and completed orders for both periods, on the injected clock', async () => {
    const s = randomUUID();
    // Last 30 days.
    await insertCase({ supplierId: s, openedAgo: 2 * DAY, respondedAfter: 5 * HOUR }); // in time
    await insertCase({ supplierId: s, openedAgo: 10 * DAY, respondedAfter: 80 * HOUR, outcome: 'agreed', refund: 500 }); // late
    await insertCase({ supplierId: s, openedAgo: 5 * DAY, outcome: 'supplier_unresponsive', refund: 1000 }); // never answered
    await insertCase({ supplierId: s, openedAgo: 20 * DAY, supplierResponse: 'PT2H', respondedAfter: 1.5 * HOUR, outcome: 'decision', refund: 0 });
    await insertCase({ supplierId: s, openedAgo: 25 * DAY, respondedAfter: 72 * HOUR, outcome: 'appeal', refund: 1000 }); // exactly at the deadline
    await insertCase({ supplierId: s, openedAgo: 12 * DAY, supplierResponse: 'PT2H', respondedAfter: 3 * HOUR }); // late under its own policy
    // Older, inside 12 months.
    await insertCase({ supplierId: s, openedAgo: 60 * DAY, respondedAfter: 10 * HOUR, outcome: 'decision', refund: 300 });
    await insertCase({ supplierId: s, openedAgo: 200 * DAY, respondedAfter: 100 * HOUR, status: 'decided' }); // not resolved yet
    await insertCase({ supplierId: s, openedAgo: 350 * DAY, status: 'withdrawn' });
    // Outside 12 months.
    await insertCase({ supplierId: s, openedAgo: 400 * DAY, respondedAfter: HOUR, outcome: 'agreed', refund: 100 });

    await insertOrder({ supplierId: s, amount: 10_000, completedAt: ago(3 * DAY) });
    await insertOrder({ supplierId: s, amount: 2_500, completedAt: ago(29 * DAY) });
    await insertOrder({ supplierId: s, amount: 7_000, currency: 'EUR', completedAt: ago(15 * DAY) });
    await insertOrder({ supplierId: s, amount: 1_000, completedAt: ago(100 * DAY) });
    await insertOrder({ supplierId: s, amount: 500, currency: 'EUR', completedAt: ago(400 * DAY) });
    await insertOrder({ supplierId: s, amount: 9_999, status: 'delivered' });

    const res = await metrics(s);
    expect(res.body).toMatchObject({
      supplierId: s,
      last30Days: {
        disputes: 6,
        respondedInTime: 3,
        responseRate: 0.5,
        medianFirstResponseHours: 5, // 1.5, 3, 5, 72, 80
        outcomes: { agreed: 1, buyerFavoured: 2, supplierFavoured: 1, partial: 0 },
        completedOrders: 3,
        completedValue: [
          { amount: 7_000, currency: 'EUR' },
          { amount: 12_500, currency: 'USD' },
        ],
      },
      last12Months: {
        disputes: 9,
        respondedInTime: 4,
        responseRate: 0.4444,
        medianFirstResponseHours: 10, // 1.5, 3, 5, 10, 72, 80, 100
        outcomes: { agreed: 1, buyerFavoured: 2, supplierFavoured: 1, partial: 1 },
        completedOrders: 4,
        completedValue: [
          { amount: 7_000, currency: 'EUR' },
          { amount: 13_500, currency: 'USD' },
        ],
      },
    });
    const { from, to } = res.body.last30Days;
    expect(new Date(to).getTime() - new Date(from).getTime()).toBe(30 * DAY);

    // A month later nothing is recent, and the case opened 350 days ago has left the 12 months.
    t.clock.advance(31 * DAY);
    try {
      const later = await metrics(s);
      expect(later.body.last30Days).toMatchObject(zeros);
      expect(later.body.last12Months).toMatchObject({
        disputes: 8,
        respondedInTime: 4,
        responseRate: 0.5,
        medianFirstResponseHours: 10,
        completedOrders: 4,
      });
    } finally {
      t.clock.advance(-31 * DAY);
    }
  });

  it('interpolates the median of an even count, and is null when no case was answered', async () => {
    const answered = randomUUID();
    await insertCase({ supplierId: answered, openedAgo: DAY + 5 * HOUR, respondedAfter: HOUR });
    await insertCase({ supplierId: answered, openedAgo: 2 * DAY, respondedAfter: 2.5 * HOUR });
    const a = await metrics(answered);
    expect(a.body.last30Days).toMatchObject({ disputes: 2, respondedInTime: 2, responseRate: 1, medianFirstResponseHours: 1.75 });

    const silent = randomUUID();
    await insertCase({ supplierId: silent, openedAgo: 4 * DAY, status: 'open' });
    const b = await metrics(silent);
    expect(b.body.last30Days).toMatchObject({ disputes: 1, respondedInTime: 0, responseRate: 0, medianFirstResponseHours: null });
  });

  it('answers zeros for a supplier it has never heard of', async () => {
    const id = randomUUID();
    const res = await metrics(id);
    expect(res.body).toEqual({
      supplierId: id,
      last30Days: { ...zeros, from: expect.any(String), to: expect.any(String) },
      last12Months: { ...zeros, from: expect.any(String), to: expect.any(String) },
    });
  });

  it('is open to every signed-in role, but not to anonymous callers', async () => {
    for (const role of ['supplier', 'specialist', 'reviewer', 'platform', 'admin'] as const) {
      const user = await testUser(role);
      await t.http.get(`/v1/suppliers/${randomUUID()}/metrics`).set(user.auth).expect(200);
    }
    const res = await t.http.get(`/v1/suppliers/${randomUUID()}/metrics`).expect(401);
    expect(res.body.code).toBe('unauthenticated');
    const bad = await t.http.get('/v1/suppliers/nope/metrics').set(buyer.auth).expect(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('lists the schemas in the OpenAPI document', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(doc.body.components.schemas)).toEqual(
      expect.arrayContaining(['SupplierMetrics', 'PeriodMetrics', 'OutcomeCounts', 'CreatedWebhook', 'Webhook']),
    );
    expect(doc.body.paths['/v1/suppliers/{id}/metrics']).toBeDefined();
  });
});
