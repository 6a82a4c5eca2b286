import { startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('Supplier metrics (e2e)', () => {
  let t: TestApp;
  let buyer: TestUser;
  // The case API is still being built, so the rows are SQL fixtures, placed relative to one moment.
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms);

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock));
    buyer = await testUser('buyer');
  });
  afterAll(() => t.close());

  interface OrderFixture {
    supplierId: string;
    amount?: number;
    currency?: string;
    status?: string;
    completedAt?: Date | null;
    createdAt?: Date;
  }

  async function insertOrder(o: OrderFixture): Promise<string> {
    const id = randomUUID();
    await t.dataSource.query(
      `INSERT INTO orders (id, buyer_id, supplier_id, amount, currency, payment_method, ship_by, trade_assurance, customized,
                           status, completed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'credit_card', $6, true, false, $7, $8, $9)`,
      [id, buyer.id, o.supplierId, o.amount ?? 1000, o.currency ?? 'USD', ago(500 * DAY), o.status ?? 'completed',
        o.completedAt ?? null, o.createdAt ?? ago(500 * DAY)],
    );
    return id;
  }

  interface CaseFixture {
    supplierId: string;
    openedAgo: number;
    /** Time from opening to the supplier's first answer; undefined: never answered. */
    respondedAfter?: number;
    supplierResponse?: string;
    status?: string;
    outcome?: 'agreed' | 'supplier_unresponsive' | 'decision' | 'appeal';
    refund?: number;
    claim?: number;
  }

  async function insertCase(c: CaseFixture): Promise<void> {
    const orderId = await insertOrder({ supplierId: c.supplierId, status: 'delivered' });
    const createdAt = ago(c.openedAgo);
    await t.dataSource.query(
      `INSERT INTO cases (id, order_id, buyer_id, supplier_id, reason, description, status, claim_amount, currency, order_amount,
                          policy, first_response_at, outcome_kind, refund_amount, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'not_as_described', 'fixture', $5, $6, 'USD', 1000, $7, $8, $9, $10, $11, $11)`,
      [
        randomUUID(), orderId, buyer.id, c.supplierId, c.status ?? (c.outcome ? 'resolved' : 'negotiating'), c.claim ?? 1000,
        { supplierResponse: c.supplierResponse ?? 'P3D', negotiationWindow: 'P7D' },
        c.respondedAfter === undefined ? null : new Date(createdAt.getTime() + c.respondedAfter),
        c.outcome ?? null, c.refund ?? null, createdAt,
      ],
    );
  }

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
    await insertOrder({ supplierId: s, amount: 9_999, status: 'delivered', createdAt: ago(DAY) });

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
