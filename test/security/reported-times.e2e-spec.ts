import { newParties, openDispute, orderAt, Parties, startTestSystem, TestSystem, waitFor } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import type TestAgent from 'supertest/lib/agent';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** DOMAIN.md "Orders and escrow", reported times; and what a case that ends leaves open. */
describe('Security: reported times and ended cases (e2e)', () => {
  let sys: TestSystem;
  let api: INestApplication;
  let http: TestAgent;
  let p: Parties;

  beforeAll(async () => {
    sys = await startTestSystem({
      env: {
        DEADLINE_SWEEP_INTERVAL: 'PT1S',
        POLICY_AUTO_CONFIRM_AFTER_DELIVERY: 'PT2S',
        POLICY_ESCALATION_ALLOWED_AFTER: 'PT0S',
        POLICY_PICKUP_SLA: 'PT1S',
      },
      apps: [(c, k) => CaseApiModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    api = sys.apps[0];
    http = sys.http(api);
    p = await newParties();
  });
  afterAll(() => sys.close());

  const ago = (ms: number) => new Date(sys.clock.now().getTime() - ms).toISOString();
  const ship = (orderId: string, as: Parties['supplier'], shippedAt?: string) =>
    http.post(`/v1/orders/${orderId}/shipment`).set(as.auth).send(shippedAt ? { shippedAt } : {});

  describe('A supplier can backdate its own shipment and so turn a late-shipment claim into not_covered', () => {
    it('refuses a supplier’s shippedAt more than lateEventTolerance (1 hour) back, and the late-shipment claim stays covered', async () => {
      const order = await orderAt(http, p, 'paid');
      // Ten days on, the ship-by date (a week after the order) has passed and nothing shipped.
      sys.clock.advance(10 * DAY);
      const backdated = await ship(order.id, p.supplier, ago(9 * DAY)).expect(400);
      expect(backdated.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'shippedAt' }] });
      const stillPaid = await http.get(`/v1/orders/${order.id}`).set(p.buyer.auth).expect(200);
      expect(stillPaid.body).toMatchObject({ status: 'in_escrow', shippedAt: null });

      // Within the tolerance the supplier's own time stands.
      const shippedAt = ago(HOUR - 60_000);
      const shipped = await ship(order.id, p.supplier, shippedAt).expect(200);
      expect(shipped.body.shippedAt).toBe(shippedAt);
      const claim = await http
        .post('/v1/cases')
        .set(p.buyer.auth)
        .send({ orderId: order.id, reason: 'not_shipped_on_time', claim: { amount: 10_000, currency: 'USD' }, description: 'Shipped three days after the agreed date.' })
        .expect(201);
      expect(claim.body.reason).toBe('not_shipped_on_time');
    });

    it('lets the platform (a carrier feed) report an older shipment time, never one before the payment', async () => {
      const order = await orderAt(http, p, 'paid');
      const paidAt = (await http.get(`/v1/orders/${order.id}`).set(p.platform.auth).expect(200)).body.paidAt as string;
      sys.clock.advance(3 * DAY);
      const beforePayment = await ship(order.id, p.platform, new Date(new Date(paidAt).getTime() - 1000).toISOString()).expect(400);
      expect(beforePayment.body.errors).toEqual([expect.objectContaining({ field: 'shippedAt' })]);
      const carrierTime = ago(2 * DAY);
      expect((await ship(order.id, p.platform, carrierTime).expect(200)).body.shippedAt).toBe(carrierTime);
    });
  });

  describe('paidAt before the order was created', () => {
    it('is refused with validation_failed on paidAt', async () => {
      const order = await orderAt(http, p, 'created');
      const { createdAt } = (await http.get(`/v1/orders/${order.id}`).set(p.platform.auth).expect(200)).body;
      const paidAt = new Date(new Date(createdAt).getTime() - 1000).toISOString();
      const early = await http.post(`/v1/orders/${order.id}/payment`).set(p.platform.auth).send({ paidAt }).expect(400);
      expect(early.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'paidAt' }] });
      expect((await http.get(`/v1/orders/${order.id}`).set(p.platform.auth).expect(200)).body.status).toBe('awaiting_payment');
    });
  });

  describe('Auto-confirmation did not set receiptConfirmedAt', () => {
    it('sets receiptConfirmedAt to autoConfirmAfterDelivery after delivery', async () => {
      const order = await orderAt(http, p, 'delivered');
      const completed = await waitFor(
        async () => {
          const res = await http.get(`/v1/orders/${order.id}`).set(p.buyer.auth).expect(200);
          return res.body.status === 'completed' && res.body;
        },
        { what: 'the order to be auto-confirmed' },
      );
      expect(completed.receiptConfirmedAt).toBe(new Date(new Date(completed.deliveredAt).getTime() + 2000).toISOString());
    });
  });

  describe('A case that ends stays overdue', () => {
    it('clears overdue and closes every deadline when the buyer withdraws an overdue case', async () => {
      const { caseId } = await openDispute(http, p);
      await http.post(`/v1/cases/${caseId}/escalate`).set(p.buyer.auth).send({}).expect(200);
      // Nobody takes it within the pickup SLA (one second): the workers flag it overdue.
      await waitFor(async () => (await http.get(`/v1/cases/${caseId}`).set(p.buyer.auth).expect(200)).body.overdue, {
        what: 'the case to be flagged overdue',
      });
      const withdrawn = await http.post(`/v1/cases/${caseId}/withdraw`).set(p.buyer.auth).send({}).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', overdue: false, deadlines: [] });
      const open: unknown[] = await sys.dataSource.query(`SELECT kind FROM case_deadlines WHERE case_id = $1 AND done_at IS NULL`, [caseId]);
      expect(open).toEqual([]);
    });
  });
});
