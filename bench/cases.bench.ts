// npm run bench:cases: open case → offer → accept over HTTP with N concurrent clients, next to the same
// SQL statements run directly through `pg` on the same machine. The ratio HTTP/raw is what we track.
// BENCH_CASES (default 1000) and BENCH_CLIENTS (default 16) size the run.
import { configureHttpApp } from '@app/http';
import { orderRequest } from '@app/testing';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { benchEnvironment, benchUser, percentile, runConcurrently } from './bench-env';

const CASES = Number(process.env.BENCH_CASES ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);

async function main(): Promise<void> {
  const env = await benchEnvironment();
  const app = await NestFactory.create(CaseApiModule.forRoot(env.config), { logger: false });
  configureHttpApp(app, { title: 'bench', description: 'bench' });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  try {
    const platform = await benchUser('platform');
    const buyer = await benchUser('buyer');
    const supplier = await benchUser('supplier');
    const call = async (user: { auth: string }, path: string, body: object, expected: number) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { Authorization: user.auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== expected) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ id: string }>;
    };

    process.stdout.write(`preparing ${CASES} delivered orders… `);
    const orders: string[] = [];
    await runConcurrently(CASES, CLIENTS, async () => {
      const order = await call(platform, '/v1/orders', orderRequest(buyer.id, supplier.id), 201);
      await call(platform, `/v1/orders/${order.id}/payment`, {}, 200);
      await call(supplier, `/v1/orders/${order.id}/shipment`, {}, 200);
      await call(platform, `/v1/orders/${order.id}/delivery`, {}, 200);
      orders.push(order.id);
    });
    console.log('done');

    const httpStarted = performance.now();
    const httpLatencies = await runConcurrently(CASES, CLIENTS, async (i) => {
      const opened = await call(buyer, '/v1/cases', {
        orderId: orders[i],
        reason: 'damaged',
        claim: { amount: 40_000, currency: 'USD' },
        description: 'Crushed boxes on arrival, photos attached.',
      }, 201);
      await call(supplier, `/v1/cases/${opened.id}/offers`, { amount: { amount: 20_000, currency: 'USD' } }, 200);
      await call(buyer, `/v1/cases/${opened.id}/offers/accept`, {}, 200);
    });
    const httpSeconds = (performance.now() - httpStarted) / 1000;

    const raw = await rawSqlRun(env.config.database.url);
    const httpRate = CASES / httpSeconds;
    console.log(`\nopen case → offer → accept, ${CASES} cases, ${CLIENTS} concurrent clients`);
    console.log(`  over HTTP:   ${httpRate.toFixed(1)} cases/s   p50 ${percentile(httpLatencies, 50).toFixed(1)} ms   p99 ${percentile(httpLatencies, 99).toFixed(1)} ms (per case, 3 requests)`);
    console.log(`  raw SQL/pg:  ${raw.rate.toFixed(1)} cases/s   p50 ${percentile(raw.latencies, 50).toFixed(1)} ms   p99 ${percentile(raw.latencies, 99).toFixed(1)} ms`);
    console.log(`  ratio HTTP/raw: ${(httpRate / raw.rate).toFixed(2)}`);
  } finally {
    await app.close();
    await env.close();
  }
}

/**
 * The statements the three requests commit (CaseStore, OrderRepository, LedgerRepository), issued straight
 * through `pg` with the same transactions and row locks, on orders prepared the same way.
 */
async function rawSqlRun(url: string): Promise<{ rate: number; latencies: number[] }> {
  const pool = new Pool({ connectionString: url, max: CLIENTS });
  const supplierId = randomUUID();
  const buyerId = randomUUID();
  const orderIds: string[] = [];
  for (let i = 0; i < CASES; i++) orderIds.push(randomUUID());
  await pool.query(
    `INSERT INTO orders (id, buyer_id, supplier_id, amount, currency, payment_method, ship_by, trade_assurance, customized, status, paid_at, shipped_at, delivered_at)
     SELECT id, $2, $3, 100000, 'USD', 'credit_card', now() + interval '7 days', true, false, 'delivered', now(), now(), now() FROM unnest($1::uuid[]) AS id`,
    [orderIds, buyerId, supplierId],
  );
  for (const orderId of orderIds) {
    // One statement: a ledger transaction commits together with its entries (the database checks it then).
    await pool.query(
      `WITH h AS (INSERT INTO ledger_transactions (id, unique_key, kind, order_id) VALUES ($1, 'funding:' || $2::text, 'funding', $2::uuid))
       INSERT INTO ledger_entries (transaction_id, account, amount, currency, kind, order_id)
       VALUES ($1, 'buyer_funding', -100000, 'USD', 'funding', $2::uuid), ($1, 'escrow:' || $2::text, 100000, 'USD', 'funding', $2::uuid)`,
      [randomUUID(), orderId],
    );
  }
  const inTransaction = async (statements: (q: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<void>) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await statements((sql, params) => client.query(sql, params));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
  const event = (q: (sql: string, params?: unknown[]) => Promise<unknown>, caseId: string, type: string) => {
    const id = randomUUID();
    return q(`INSERT INTO case_events (id, case_id, type, actor_id, actor_role, data, at) VALUES ($1, $2, $3, $4, 'buyer', '{}', now()) RETURNING seq`, [id, caseId, type, buyerId]).then(() =>
      q(`INSERT INTO outbox (id, event_type, case_id, payload, created_at) VALUES ($1, $2, $3, '{}', now())`, [id, type, caseId]),
    );
  };
  const touchCase = async (q: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>, caseId: string) => {
    await q(`SELECT * FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    await q(`SELECT * FROM case_deadlines WHERE case_id = $1 AND done_at IS NULL ORDER BY due_at`, [caseId]);
    await q(`SELECT 1 FROM evidence WHERE case_id = $1 AND party = 'buyer' AND status IN ('verifying', 'available') LIMIT 1`, [caseId]);
  };

  const started = performance.now();
  const latencies = await runConcurrently(CASES, CLIENTS, async (i) => {
    const orderId = orderIds[i];
    const caseId = randomUUID();
    await inTransaction(async (q) => {
      await q(`SELECT * FROM orders WHERE id = $1 FOR UPDATE`, [orderId]);
      await q(`SELECT 1 FROM cases WHERE order_id = $1 AND status = 'resolved' LIMIT 1`, [orderId]);
      await q(`SELECT 1 FROM cases WHERE order_id = $1 AND status = ANY($2) LIMIT 1`, [orderId, ['open', 'negotiating']]);
      await q(
        `INSERT INTO cases (id, order_id, buyer_id, supplier_id, reason, description, status, claim_amount, currency, order_amount, policy, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'damaged', 'Crushed boxes on arrival, photos attached.', 'open', 40000, 'USD', 100000, '{}', now(), now())`,
        [caseId, orderId, buyerId, supplierId],
      );
      for (const kind of ['supplier_response', 'escalation_allowed', 'auto_escalation']) {
        await q(`INSERT INTO case_deadlines (id, case_id, kind, party, due_at, created_at) VALUES ($1, $2, $3, 'supplier', now() + interval '3 days', now())`, [randomUUID(), caseId, kind]);
      }
      await event(q, caseId, 'case.opened');
      await q(`SELECT * FROM cases WHERE id = $1`, [caseId]);
      await q(`SELECT * FROM case_deadlines WHERE case_id = $1 AND done_at IS NULL`, [caseId]);
    });
    await inTransaction(async (q) => {
      await touchCase(q, caseId);
      await q(`UPDATE cases SET status = 'negotiating', latest_offer = '{}', version = version + 1, updated_at = now() WHERE id = $1 AND status = 'open' AND version = 1`, [caseId]);
      await q(`UPDATE case_deadlines SET done_at = now() WHERE case_id = $1 AND kind = 'supplier_response' AND done_at IS NULL`, [caseId]);
      await event(q, caseId, 'case.offer_made');
      await q(`SELECT * FROM cases WHERE id = $1`, [caseId]);
      await q(`SELECT * FROM case_deadlines WHERE case_id = $1 AND done_at IS NULL`, [caseId]);
    });
    await inTransaction(async (q) => {
      await touchCase(q, caseId);
      await q(`UPDATE cases SET status = 'resolved', outcome_kind = 'agreed', refund_amount = 20000, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'negotiating' AND version = 2`, [caseId]);
      await q(`UPDATE case_deadlines SET done_at = now() WHERE case_id = $1 AND done_at IS NULL`, [caseId]);
      await event(q, caseId, 'case.offer_accepted');
      await event(q, caseId, 'case.resolved');
      await q(`SELECT * FROM cases WHERE id = $1`, [caseId]);
      await q(`SELECT * FROM orders WHERE id = $1 FOR UPDATE`, [orderId]);
      await q(`SELECT COALESCE(sum(amount), 0)::bigint AS held FROM ledger_entries WHERE account = $1`, [`escrow:${orderId}`]);
      for (const [kind, to, amount] of [['refund', `refund_payable:${caseId}`, 20000], ['release', `supplier:${supplierId}`, 80000]] as const) {
        const tx = randomUUID();
        await q(`INSERT INTO ledger_transactions (id, unique_key, kind, order_id, case_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (unique_key) DO NOTHING RETURNING id`, [tx, `${kind}:case:${caseId}`, kind, orderId, caseId]);
        await q(
          `INSERT INTO ledger_entries (transaction_id, account, amount, currency, kind, order_id, case_id) VALUES ($1, $2, $3, 'USD', $4, $5, $6), ($1, $7, $8, 'USD', $4, $5, $6)`,
          [tx, `escrow:${orderId}`, -amount, kind, orderId, caseId, to, amount],
        );
      }
      await q(
        `INSERT INTO refunds (id, case_id, order_id, amount, currency, payment_method, status, idempotency_key, created_at, updated_at, next_attempt_at) VALUES ($1, $2, $3, 20000, 'USD', 'credit_card', 'pending', $4, now(), now(), now())`,
        [randomUUID(), caseId, orderId, `bench:${caseId}`],
      );
      await event(q, caseId, 'refund.created');
      await q(`SELECT * FROM case_deadlines WHERE case_id = $1 AND done_at IS NULL`, [caseId]);
    });
  });
  const rate = CASES / ((performance.now() - started) / 1000);
  await pool.end();
  return { rate, latencies };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
