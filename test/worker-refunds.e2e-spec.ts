import {
  AppFactory,
  CaseFixtures,
  ledgerViolations,
  paidOnceEach,
  payoutBooks,
  startTestSystem,
  TestSystem,
  testUser,
  waitFor,
} from '@app/testing';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { randomUUID } from 'node:crypto';
import { GatewayRejectedError } from '../apps/worker/src/refunds/payment-gateway';
import { SandboxGateway } from '../apps/worker/src/refunds/sandbox-gateway';
import { WorkerModule } from '../apps/worker/src/worker.module';

// Jest's project config cannot set testTimeout; these suites wait on real clocks and processes.
jest.setTimeout(60_000);

const worker: AppFactory = (config, clock) => WorkerModule.forRoot(config, clock);
const DAY = 86_400_000;

describe('Worker: refund payouts (e2e)', () => {
  let sys: TestSystem;
  let fx: CaseFixtures;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [worker] });
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys?.close());

  it('pays a resolved case once: processing → sent (payout posted, arrival by method) → succeeded', async () => {
    const order = await fx.order({ paymentMethod: 'e_checking' });
    const { caseRow, refundId } = await fx.resolvedCase({ order, claim: 25_000 });
    const refund = await waitFor(async () => {
      const r = await payoutBooks(sys.dataSource).refund(refundId);
      return r.status === 'succeeded' && r;
    }, { what: 'the refund to succeed' });
    expect(refund).toMatchObject({ amount: 25_000, paymentMethod: 'e_checking', attempts: 1, failureReason: null });
    expect(refund.expectedArrivalAt!.getTime() - refund.sentAt!.getTime()).toBe(3 * DAY);
    expect(refund.succeededAt!.getTime()).toBeGreaterThanOrEqual(refund.sentAt!.getTime());

    const [gateway] = await sys.dataSource.query(`SELECT * FROM sandbox_gateway_refunds WHERE idempotency_key = $1`, [refund.idempotencyKey]);
    expect(gateway).toMatchObject({ reference: refund.gatewayReference, merchant_reference: refundId, amount: '25000', status: 'succeeded' });
    const payout = await sys.dataSource.query(
      `SELECT e.account, e.amount::int FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
       WHERE t.unique_key = $1 ORDER BY e.amount`,
      [`payout:case:${caseRow.id}:attempt:1`],
    );
    expect(payout).toEqual([
      { account: `refund_payable:${caseRow.id}`, amount: -25_000 },
      { account: 'gateway_clearing', amount: 25_000 },
    ]);
    const events = await sys.dataSource.query(`SELECT type, data FROM case_events WHERE case_id = $1 AND type LIKE 'refund.%' ORDER BY seq`, [caseRow.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['refund.created', 'refund.sent', 'refund.succeeded']);
    expect(events[1].data).toMatchObject({ refundId, gatewayReference: refund.gatewayReference, expectedArrivalAt: refund.expectedArrivalAt!.toISOString() });
  });

  it('the sandbox pays one refund per idempotency key and refuses the key for another amount', async () => {
    const gateway = sys.apps[0].get(SandboxGateway);
    const request = { idempotencyKey: `test:${randomUUID()}`, amount: { amount: 500, currency: 'USD' }, paymentMethod: 'tt' as const, reference: randomUUID() };
    const first = await gateway.createRefund(request);
    const again = await gateway.createRefund(request);
    expect(again.reference).toBe(first.reference);
    await expect(gateway.createRefund({ ...request, amount: { amount: 501, currency: 'USD' } })).rejects.toBeInstanceOf(GatewayRejectedError);
    const [{ count }] = await sys.dataSource.query(`SELECT count(*)::int FROM sandbox_gateway_refunds WHERE idempotency_key = $1`, [request.idempotencyKey]);
    expect(count).toBe(1);
  });

  it('leaves a refund the gateway refuses for good `failed` with its reason and refund.failed, paying nothing', async () => {
    const { caseRow, refundId } = await fx.resolvedCase({ produceJobs: false });
    const refund = await payoutBooks(sys.dataSource).refund(refundId);
    // The key was already used for another amount: the gateway must refuse, and nothing is paid twice.
    await sys.dataSource.query(
      `INSERT INTO sandbox_gateway_refunds (reference, idempotency_key, amount, currency, payment_method, merchant_reference, status, settles_at)
       VALUES ($1, $2, 1, 'USD', 'credit_card', 'elsewhere', 'pending', now())`,
      [randomUUID(), refund.idempotencyKey],
    );
    await sys.caseJobs.enqueueRefund(refundId);
    const failed = await waitFor(async () => {
      const r = await payoutBooks(sys.dataSource).refund(refundId);
      return r.status === 'failed' && r;
    }, { what: 'the refund to fail' });
    expect(failed.failureReason).toMatch(/idempotency key .* another amount/);
    const [event] = await sys.dataSource.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'refund.failed'`, [caseRow.id]);
    expect(event.data).toMatchObject({ refundId, attempts: 1, attempt: 1, failureKind: 'definite' });
    expect((await payoutBooks(sys.dataSource).counts([caseRow.id])).payouts).toBe(0);
  });

  it('an admin sends a refused refund again: a new attempt key the gateway has not refused, paid once', async () => {
    const api = sys.http(await sys.startApp((config, clock) => CaseApiModule.forRoot(config, clock)));
    const { caseRow, refundId } = await fx.resolvedCase({ produceJobs: false });
    const { idempotencyKey } = await payoutBooks(sys.dataSource).refund(refundId);
    await sys.dataSource.query(
      `INSERT INTO sandbox_gateway_refunds (reference, idempotency_key, amount, currency, payment_method, merchant_reference, status, settles_at)
       VALUES ($1, $2, 1, 'USD', 'credit_card', 'elsewhere', 'pending', now())`,
      [randomUUID(), idempotencyKey],
    );
    await sys.caseJobs.enqueueRefund(refundId);
    const refused = await waitFor(async () => {
      const r = await payoutBooks(sys.dataSource).refund(refundId);
      return r.status === 'failed' && r;
    }, { what: 'the refund to fail' });
    expect(refused).toMatchObject({ failureKind: 'definite', payoutAttempt: 1 });

    const admin = await testUser('admin');
    const buyer = await testUser('buyer', caseRow.buyerId);
    await api.post(`/v1/cases/${caseRow.id}/refund/retry`).set(buyer.auth).send().expect(403);
    const retried = await api.post(`/v1/cases/${caseRow.id}/refund/retry`).set(admin.auth).send().expect(200);
    expect(retried.body).toMatchObject({ id: refundId, status: 'pending' });
    const paid = await waitFor(async () => {
      const r = await payoutBooks(sys.dataSource).refund(refundId);
      return r.status === 'succeeded' && r;
    }, { what: 'the retried refund to succeed' });
    // Derived from the case and the attempt number; the refused key and its foreign refund are left as they were.
    expect(paid).toMatchObject({ idempotencyKey: `arbiter-refund:${caseRow.id}:attempt:2`, payoutAttempt: 2 });
    const [foreign] = await sys.dataSource.query(`SELECT amount::int, merchant_reference FROM sandbox_gateway_refunds WHERE idempotency_key = $1`, [
      idempotencyKey,
    ]);
    expect(foreign).toEqual({ amount: 1, merchant_reference: 'elsewhere' });
    expect(await payoutBooks(sys.dataSource).counts([caseRow.id])).toEqual(paidOnceEach(1));
    const [event] = await sys.dataSource.query(`SELECT actor_id, data FROM case_events WHERE case_id = $1 AND type = 'refund.retried'`, [caseRow.id]);
    expect(event).toEqual({ actor_id: admin.id, data: { refundId, attempt: 2, failureKind: 'definite' } });
    const again = await api.post(`/v1/cases/${caseRow.id}/refund/retry`).set(admin.auth).send().expect(409);
    expect(again.body.code).toBe('invalid_state');
  });
});

describe('Worker: refund payouts when the gateway fails 30 % of calls (e2e)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem({ env: { PAYMENT_SANDBOX_FAILURE_RATE: '0.3', PAYMENT_SANDBOX_FAIL_MODE: 'either' }, apps: [worker] });
  });
  afterAll(() => sys?.close());

  it('(c) every refund still succeeds after retries, none paid or posted twice', async () => {
    const fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    const resolved = await Promise.all(Array.from({ length: 30 }, () => fx.resolvedCase()));
    const refundIds = resolved.map((r) => r.refundId);
    const refunds = await waitFor(async () => {
      const rows = await payoutBooks(sys.dataSource).refunds(refundIds);
      return rows.every((r) => r.status === 'succeeded') && rows;
    }, { timeoutMs: 120_000, intervalMs: 250, what: 'all 30 refunds to succeed' });
    // 30 % of at least 60 calls failed: some refunds needed more than one attempt to be sent.
    expect(refunds.some((r) => r.attempts > 1)).toBe(true);
    expect(await payoutBooks(sys.dataSource).counts(resolved.map((r) => r.caseRow.id))).toEqual(paidOnceEach(30));
  }, 150_000);
});

describe('Worker: refund payouts when 30 % of calls fail and 30 % of sent refunds settle failed (e2e)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem({
      env: { PAYMENT_SANDBOX_FAILURE_RATE: '0.3', PAYMENT_SANDBOX_FAIL_MODE: 'either', PAYMENT_SANDBOX_SETTLE_FAILURE_RATE: '0.3' },
      apps: [worker, (config, clock) => CaseApiModule.forRoot(config, clock)],
    });
  });
  afterAll(() => sys?.close());

  it('an admin sends every failed refund again until all succeed: each reversed failure re-sent, one net payout per case', async () => {
    const fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    const admin = await testUser('admin');
    const api = sys.http(sys.apps[1]);
    const resolved = await Promise.all(Array.from({ length: 20 }, () => fx.resolvedCase()));
    const books = payoutBooks(sys.dataSource);
    const refundIds = resolved.map((r) => r.refundId);
    let rounds = 0;
    for (;;) {
      // Settled one way or the other: succeeded, or failed for an admin.
      const rows = await waitFor(async () => {
        const all = await books.refunds(refundIds);
        return all.every((r) => r.status === 'succeeded' || r.status === 'failed') && all;
      }, { timeoutMs: 60_000, intervalMs: 250, what: 'every refund to succeed or fail' });
      const failed = resolved.filter((r) => rows.find((row) => row.id === r.refundId)!.status === 'failed');
      if (failed.length === 0) break;
      rounds += 1;
      for (const { caseRow } of failed) await api.post(`/v1/cases/${caseRow.id}/refund/retry`).set(admin.auth).send().expect(200);
    }
    expect(rounds).toBeGreaterThan(0);
    const [{ reversals }] = await sys.dataSource.query(
      `SELECT count(*)::int AS reversals FROM ledger_transactions WHERE kind = 'payout_reversal' AND case_id = ANY ($1)`,
      [resolved.map((r) => r.caseRow.id)],
    );
    expect(reversals).toBeGreaterThan(0);
    const counts = await books.counts(resolved.map((r) => r.caseRow.id));
    expect(counts).toMatchObject({ gateway_refunds: 20, cases_paid: 20, payouts: 20, succeeded_events: 20 });
    expect(await ledgerViolations(sys.dataSource)).toEqual([]);
  }, 150_000);
});

describe('Worker: graceful shutdown (e2e)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    // A slow gateway, so the payout is still in flight when the worker is asked to stop.
    sys = await startTestSystem({ env: { PAYMENT_SANDBOX_LATENCY: 'PT1.5S' }, apps: [worker] });
  });
  afterAll(() => sys?.close());

  it('finishes the payout in flight before the worker stops', async () => {
    const fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    const { refundId } = await fx.resolvedCase();
    await waitFor(async () => (await payoutBooks(sys.dataSource).refund(refundId)).status === 'processing', { what: 'the payout to start' });
    await sys.apps[0].close();
    sys.apps.length = 0;
    expect((await payoutBooks(sys.dataSource).refund(refundId)).status).toBe('sent');
  });
});
