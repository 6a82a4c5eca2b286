// npm run bench:payouts: BENCH_REFUNDS (default 2,000) pending refunds of resolved cases, paid by one in-process
// worker through the sandbox gateway (no injected latency or failures; settles 1 s after acceptance).
// Prints refunds/s sent (pending → sent, payout posted) and succeeded (confirmed by the gateway).
import { CaseJobs } from '@app/queues';
import { waitFor } from '@app/testing';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { benchEnvironment } from './bench-env';

const REFUNDS = Number(process.env.BENCH_REFUNDS ?? 2000);

async function main(): Promise<void> {
  const env = await benchEnvironment();
  const worker = await NestFactory.create(WorkerModule.forRoot(env.config), { logger: ['error'] });
  await worker.listen(0, '127.0.0.1');
  const db = worker.get(DataSource);
  try {
    process.stdout.write(`seeding ${REFUNDS} resolved cases with pending refunds… `);
    await seedPendingRefunds(db);
    console.log('done');
    const refundIds: string[] = (await db.query(`SELECT id FROM refunds`)).map((r: { id: string }) => r.id);

    const started = performance.now();
    const jobs = worker.get(CaseJobs);
    for (let i = 0; i < refundIds.length; i += 1000) await Promise.all(refundIds.slice(i, i + 1000).map((id) => jobs.enqueueRefund(id)));
    const count = async (statuses: string[]) => Number((await db.query(`SELECT count(*) FROM refunds WHERE status = ANY ($1)`, [statuses]))[0].count);
    await waitFor(async () => (await count(['sent', 'succeeded'])) === REFUNDS, { timeoutMs: 10 * 60_000, intervalMs: 100, what: 'every refund to be sent' });
    const sentMs = performance.now() - started;
    await waitFor(async () => (await count(['succeeded'])) === REFUNDS, { timeoutMs: 10 * 60_000, intervalMs: 100, what: 'every refund to succeed' });
    const succeededMs = performance.now() - started;

    const [check] = await db.query(
      `SELECT (SELECT count(*)::int FROM sandbox_gateway_refunds) AS gateway, (SELECT count(*)::int FROM ledger_transactions WHERE kind = 'payout') AS payouts`,
    );
    console.log(`\n${REFUNDS} refunds through the sandbox gateway; 1 worker, refunds concurrency 10, DB pool 20`);
    console.log(`sent (gateway call, payout posting, refund.sent): ${Math.round(sentMs)} ms → ${Math.round(REFUNDS / (sentMs / 1000))} refunds/s`);
    console.log(`succeeded (confirmed by the gateway):           ${Math.round(succeededMs)} ms → ${Math.round(REFUNDS / (succeededMs / 1000))} refunds/s`);
    console.log(`gateway refunds ${check.gateway}, payout postings ${check.payouts} (expected ${REFUNDS} each)`);
  } finally {
    await worker.close();
    await deleteKeys(env.config.queues.redisUrl!, env.config.queues.prefix);
    await env.close();
  }
}

/** Orders, resolved cases and their pending refunds, as a resolution leaves them, in a few SQL statements. */
async function seedPendingRefunds(db: DataSource): Promise<void> {
  await db.query(
    `INSERT INTO orders (id, buyer_id, supplier_id, amount, currency, payment_method, ship_by, trade_assurance, customized, status)
     SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 100000, 'USD', 'credit_card', now(), true, false, 'delivered'
     FROM generate_series(1, $1)`,
    [REFUNDS],
  );
  await db.query(
    `INSERT INTO cases (id, order_id, buyer_id, supplier_id, reason, description, status, claim_amount, currency, order_amount, policy,
                        outcome_kind, refund_amount, resolved_at, closed_at)
     SELECT gen_random_uuid(), id, buyer_id, supplier_id, 'damaged', 'bench', 'resolved', 40000, 'USD', 100000, '{}'::jsonb,
            'agreed', 40000, now(), now()
     FROM orders`,
  );
  // As a resolution leaves the books: the escrow funded, the refund made payable (the ledger refuses payouts otherwise).
  await db.transaction(async (m) => {
    await m.query(`INSERT INTO ledger_transactions (id, unique_key, kind, order_id)
      SELECT gen_random_uuid(), 'funding:' || id, 'funding', id FROM orders`);
    await m.query(`INSERT INTO ledger_entries (transaction_id, account, amount, currency, kind, order_id)
      SELECT t.id, a.account, a.amount, 'USD', 'funding', t.order_id FROM ledger_transactions t,
        LATERAL (VALUES ('buyer_funding', -100000), ('escrow:' || t.order_id, 100000)) AS a (account, amount) WHERE t.kind = 'funding'`);
    await m.query(`INSERT INTO ledger_transactions (id, unique_key, kind, order_id, case_id)
      SELECT gen_random_uuid(), 'refund:case:' || id, 'refund', order_id, id FROM cases`);
    await m.query(`INSERT INTO ledger_entries (transaction_id, account, amount, currency, kind, order_id, case_id)
      SELECT t.id, a.account, a.amount, 'USD', 'refund', t.order_id, t.case_id FROM ledger_transactions t,
        LATERAL (VALUES ('escrow:' || t.order_id, -40000), ('refund_payable:' || t.case_id, 40000)) AS a (account, amount) WHERE t.kind = 'refund'`);
  });
  await db.query(
    `INSERT INTO refunds (id, case_id, order_id, amount, currency, payment_method, status, idempotency_key, next_attempt_at)
     SELECT gen_random_uuid(), id, order_id, 40000, 'USD', 'credit_card', 'pending', 'arbiter-refund:' || id || ':agreed:40000USD', now()
     FROM cases`,
  );
}

/** The run's queue keys, so the shared Redis does not keep them. */
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
