import { AppConfig } from '@app/config';
import { RefundEntity } from '@app/database';
import { jobIds, JOBS, QUEUES } from '@app/queues';
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
import { INestApplication } from '@nestjs/common';
import type TestAgent from 'supertest/lib/agent';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';
import { SandboxGateway } from '../../apps/worker/src/refunds/sandbox-gateway';
import { WorkerModule } from '../../apps/worker/src/worker.module';

// Jest's project config cannot set testTimeout; these suites wait on real clocks and processes.
jest.setTimeout(60_000);

/** A worker whose sandbox gateway misbehaves as told; the rest of the configuration is the system's. */
const workerWith =
  (payments: Partial<AppConfig['payments']> = {}): AppFactory =>
  (config, clock) =>
    WorkerModule.forRoot({ ...config, payments: { ...config.payments, ...payments } }, clock);

/**
 * Issue 9, "Money": a payout the gateway reports failed after `sent` was never reversed, and the admin's "send
 * again" reused the failed key, so a real gateway would answer with the old failure. DOMAIN.md "Money: the
 * ledger" and "Refund payouts".
 */
describe('Security: refund payouts that fail are reversed, and sent again only when that cannot pay twice (e2e)', () => {
  let sys: TestSystem;
  let api: TestAgent;
  let fx: CaseFixtures;
  let worker: INestApplication | null = null;

  beforeAll(async () => {
    sys = await startTestSystem();
    api = sys.http(await sys.startApp((config, clock) => CaseApiModule.forRoot(config, clock)));
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterEach(async () => {
    await switchWorker(null);
    expect(await ledgerViolations(sys.dataSource)).toEqual([]);
  });
  afterAll(() => sys?.close());

  /** Stops the running worker, if any, and starts one with this gateway (none for null). */
  async function switchWorker(payments: Partial<AppConfig['payments']> | null): Promise<INestApplication | null> {
    if (worker) {
      await worker.close();
      sys.apps.splice(sys.apps.indexOf(worker), 1);
    }
    worker = payments ? await sys.startApp(workerWith(payments)) : null;
    return worker;
  }

  const refundOf = (id: string) => payoutBooks(sys.dataSource).refund(id);
  const refundIn = (id: string, status: RefundEntity['status']) =>
    waitFor(async () => {
      const r = await refundOf(id);
      return r.status === status && r;
    }, { what: `refund ${id} to be ${status}` });
  const caseLedger = (caseId: string): Promise<Array<{ key: string; account: string; amount: number }>> =>
    sys.dataSource.query(
      `SELECT t.unique_key AS key, e.account, e.amount::int FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
       WHERE t.case_id = $1 AND t.kind IN ('payout', 'payout_reversal') ORDER BY e.seq`,
      [caseId],
    );
  const balance = async (account: string) =>
    Number((await sys.dataSource.query(`SELECT COALESCE(sum(amount), 0) AS b FROM ledger_entries WHERE account = $1`, [account]))[0].b);
  const refundEvents = async (caseId: string): Promise<Array<{ type: string; data: Record<string, unknown>; actor_role: string | null }>> =>
    sys.dataSource.query(`SELECT type, data, actor_role FROM case_events WHERE case_id = $1 AND type LIKE 'refund.%' ORDER BY seq`, [caseId]);
  const atGateway = (refundId: string): Promise<Array<{ idempotency_key: string; reference: string; status: string }>> =>
    sys.dataSource.query(`SELECT idempotency_key, reference, status FROM sandbox_gateway_refunds WHERE merchant_reference = $1 ORDER BY created_at`, [
      refundId,
    ]);
  const sendAgain = async (caseId: string) =>
    (await api.post(`/v1/cases/${caseId}/refund/retry`).set((await testUser('admin')).auth).send().expect(200)).body;

  describe('a payout the gateway reports failed after `sent` is reversed, then sent again with a new attempt key', () => {
    it('reverses it with the move to failed and refund.failed, pays it once under a new key, one net payout', async () => {
      const failing = (await switchWorker({ sandboxSettleFailureRate: 1 }))!;
      const { caseRow, refundId } = await fx.resolvedCase({ claim: 25_000 });
      const payable = `refund_payable:${caseRow.id}`;
      const failed = await refundIn(refundId, 'failed');
      expect(failed).toMatchObject({ failureKind: 'definite', payoutAttempt: 1, failureReason: 'the gateway reported the refund as failed' });

      // Reversed: the refund is payable again, nothing of it sits at the gateway.
      const firstKeys = { payout: `payout:case:${caseRow.id}:attempt:1`, reversal: `payout_reversal:case:${caseRow.id}:attempt:1` };
      expect(await caseLedger(caseRow.id)).toEqual([
        { key: firstKeys.payout, account: payable, amount: -25_000 },
        { key: firstKeys.payout, account: 'gateway_clearing', amount: 25_000 },
        { key: firstKeys.reversal, account: 'gateway_clearing', amount: -25_000 },
        { key: firstKeys.reversal, account: payable, amount: 25_000 },
      ]);
      expect(await balance(payable)).toBe(25_000);
      // …in the very database transaction that failed the refund and wrote refund.failed (xmin: the writing
      // transaction; the outbox row is left out, the webhook dispatcher updates it) with its outbox row.
      const [writers] = await sys.dataSource.query(
        `SELECT (SELECT xmin::text FROM refunds WHERE id = $1) AS refund,
                (SELECT xmin::text FROM ledger_transactions WHERE unique_key = $2) AS reversal,
                (SELECT xmin::text FROM case_events WHERE case_id = $3 AND type = 'refund.failed') AS event`,
        [refundId, firstKeys.reversal, caseRow.id],
      );
      expect(new Set(Object.values(writers)).size).toBe(1);
      const [outbox] = await sys.dataSource.query(
        `SELECT o.event_type FROM outbox o JOIN case_events e ON e.id = o.id WHERE e.case_id = $1 AND e.type = 'refund.failed'`,
        [caseRow.id],
      );
      expect(outbox).toEqual({ event_type: 'refund.failed' });
      expect((await refundEvents(caseRow.id)).at(-1)).toMatchObject({
        type: 'refund.failed',
        data: { refundId, failureKind: 'definite', attempt: 1, reversed: { amount: 25_000, currency: 'USD' } },
      });

      // The gateway remembers the failed key: sending it again could only bring back the old, failed refund.
      const gateway = failing.get(SandboxGateway);
      const replay = await gateway.createRefund({
        idempotencyKey: failed.idempotencyKey,
        amount: { amount: 25_000, currency: 'USD' },
        paymentMethod: 'credit_card',
        reference: refundId,
      });
      expect(replay.reference).toBe(failed.gatewayReference);
      expect((await gateway.getRefund(replay.reference)).status).toBe('failed');

      // The cause is cleared with the provider; the admin sends it again.
      await switchWorker({});
      expect(await sendAgain(caseRow.id)).toMatchObject({ id: refundId, status: 'pending', gatewayReference: null, sentAt: null });
      const paid = await refundIn(refundId, 'succeeded');
      expect(paid).toMatchObject({ payoutAttempt: 2, idempotencyKey: `arbiter-refund:${caseRow.id}:attempt:2`, failureKind: null });

      expect(await atGateway(refundId)).toEqual([
        { idempotency_key: failed.idempotencyKey, reference: failed.gatewayReference, status: 'failed' },
        { idempotency_key: paid.idempotencyKey, reference: paid.gatewayReference, status: 'succeeded' },
      ]);
      expect((await caseLedger(caseRow.id)).slice(4)).toEqual([
        { key: `payout:case:${caseRow.id}:attempt:2`, account: payable, amount: -25_000 },
        { key: `payout:case:${caseRow.id}:attempt:2`, account: 'gateway_clearing', amount: 25_000 },
      ]);
      expect(await balance(payable)).toBe(0);
      expect(await payoutBooks(sys.dataSource).counts([caseRow.id])).toEqual({ ...paidOnceEach(1), sent_events: 2 });
      const events = await refundEvents(caseRow.id);
      expect(events.map((e) => e.type)).toEqual(['refund.created', 'refund.sent', 'refund.failed', 'refund.retried', 'refund.sent', 'refund.succeeded']);
      expect(events[3]).toMatchObject({ actor_role: 'admin', data: { refundId, attempt: 2, failureKind: 'definite' } });
    });
  });

  describe('a refund whose outcome is unknown is looked up at the gateway before anything is sent again', () => {
    /** A refund whose only try timed out at the gateway (before or after the gateway recorded it): failed, outcome unknown. */
    async function unknownOutcome(failMode: 'before_record' | 'after_record'): Promise<{ caseId: string; refund: RefundEntity }> {
      await switchWorker({ sandboxFailureRate: 1, sandboxFailMode: failMode });
      const { caseRow, refundId } = await fx.resolvedCase({ produceJobs: false });
      // The same job the API produces, with its retry budget cut to this one try.
      await sys.backend.add(QUEUES.refunds, JOBS.refundSend, { refundId }, { jobId: jobIds.refund(refundId), attempts: 1 });
      const refund = await refundIn(refundId, 'failed');
      expect(refund).toMatchObject({ failureKind: 'unknown', payoutAttempt: 1, attempts: 1, failureReason: expect.stringMatching(/injected failure/) });
      await switchWorker({}); // the gateway answers again
      return { caseId: caseRow.id, refund };
    }

    it('the gateway holds it: taken as sent under the same key, confirmed, never paid twice', async () => {
      const { caseId, refund } = await unknownOutcome('after_record');
      const [held] = await atGateway(refund.id);
      expect(held).toMatchObject({ idempotency_key: refund.idempotencyKey, status: 'pending' });

      expect(await sendAgain(caseId)).toMatchObject({ status: 'pending' });
      const paid = await refundIn(refund.id, 'succeeded');
      expect(paid).toMatchObject({ idempotencyKey: refund.idempotencyKey, payoutAttempt: 1, gatewayReference: held.reference, failureKind: null });
      expect(await atGateway(refund.id)).toHaveLength(1);
      const events = await refundEvents(caseId);
      expect(events.map((e) => e.type)).toEqual(['refund.created', 'refund.failed', 'refund.retried', 'refund.sent', 'refund.succeeded']);
      expect(events[2].data).toMatchObject({ attempt: 1, failureKind: 'unknown' });
      expect(events[3].data).toMatchObject({ attempt: 1, gatewayReference: held.reference, foundAtGateway: true });
      expect(await payoutBooks(sys.dataSource).counts([caseId])).toEqual(paidOnceEach(1));
    });

    it('the gateway has nothing under the key: sent with that same key, once', async () => {
      const { caseId, refund } = await unknownOutcome('before_record');
      expect(await atGateway(refund.id)).toEqual([]);

      await sendAgain(caseId);
      const paid = await refundIn(refund.id, 'succeeded');
      expect(paid).toMatchObject({ idempotencyKey: refund.idempotencyKey, payoutAttempt: 1 });
      expect(await atGateway(refund.id)).toEqual([expect.objectContaining({ idempotency_key: refund.idempotencyKey, status: 'succeeded' })]);
      const sent = (await refundEvents(caseId)).find((e) => e.type === 'refund.sent')!;
      expect(sent.data.foundAtGateway).toBeUndefined();
      expect(await payoutBooks(sys.dataSource).counts([caseId])).toEqual(paidOnceEach(1));
    });

    it('the gateway holds it as failed: a definite failure, so the next attempt key is sent, once', async () => {
      const { caseId, refund } = await unknownOutcome('after_record');
      // Meanwhile the provider settled the refund it had recorded as failed.
      await sys.dataSource.query(`UPDATE sandbox_gateway_refunds SET status = 'failed', settled_at = now() WHERE idempotency_key = $1`, [
        refund.idempotencyKey,
      ]);

      await sendAgain(caseId);
      const paid = await refundIn(refund.id, 'succeeded');
      expect(paid).toMatchObject({ payoutAttempt: 2, idempotencyKey: `arbiter-refund:${caseId}:attempt:2` });
      expect((await atGateway(refund.id)).map((g) => g.status)).toEqual(['failed', 'succeeded']);
      // Never sent under the first key, so nothing to reverse: one payout, for the second attempt.
      expect((await caseLedger(caseId)).map((e) => e.key)).toEqual([`payout:case:${caseId}:attempt:2`, `payout:case:${caseId}:attempt:2`]);
      expect(await payoutBooks(sys.dataSource).counts([caseId])).toEqual(paidOnceEach(1));
    });
  });
});
