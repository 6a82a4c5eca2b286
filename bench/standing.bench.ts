// npm run bench:standing: GET /v1/suppliers/:id/standing, /storefront and /metrics over HTTP for a supplier with
// BENCH_BIG_CASES (default 50,000) cases and as many completed orders over the last year, and for a typical one
// (30 cases, 200 orders), among BENCH_SUPPLIERS (default 2,000) others of the typical size; BENCH_REQUESTS (default
// 500) sequential requests each, p50/p99/max. Also: the scan of a supplier's rows that the rollup replaced, and what
// the rollup costs a write (single-row case updates with its triggers on and off).
import { configureHttpApp } from '@app/http';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { benchEnvironment, benchUser, percentile } from './bench-env';

const BIG_CASES = Number(process.env.BENCH_BIG_CASES ?? 50_000);
const SUPPLIERS = Number(process.env.BENCH_SUPPLIERS ?? 2_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const TYPICAL = { cases: 30, orders: 200 };

async function main(): Promise<void> {
  // Not NODE_ENV=production (bench-env's default): that refuses the repository's development secrets the bench runs with.
  const env = await benchEnvironment({ NODE_ENV: 'test' });
  const app = await NestFactory.create(CaseApiModule.forRoot(env.config), { logger: false });
  const db = new Pool({ connectionString: env.config.database.url, max: 4 });
  try {
    configureHttpApp(app, { title: 'bench', description: 'bench' });
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    const big = randomUUID();
    const typical = randomUUID();
    const started = performance.now();
    process.stdout.write(`seeding ${BIG_CASES} cases and orders for one supplier, ${SUPPLIERS + 1} × ${TYPICAL.cases} cases and ${TYPICAL.orders} orders for others… `);
    await seedSupplier(db, big, BIG_CASES, BIG_CASES);
    await seedSupplier(db, typical, TYPICAL.cases, TYPICAL.orders);
    const others = Array.from({ length: SUPPLIERS }, () => randomUUID());
    for (let i = 0; i < others.length; i += 200) await seedSupplier(db, others.slice(i, i + 200), TYPICAL.cases, TYPICAL.orders);
    await db.query('VACUUM ANALYZE');
    const [{ cases, orders, days }] = (
      await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM orders)::int AS orders,
                             (SELECT count(*) FROM supplier_case_days WHERE supplier_id = $1)::int AS days`, [big])
    ).rows;
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s (${cases} cases, ${orders} orders; ${days} day rows for the big supplier)`);

    const admin = await benchUser('admin');
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { Authorization: admin.auth } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const time = async (run: () => Promise<unknown>) => {
      for (let i = 0; i < 50; i++) await run(); // warm up: JIT, plans, pool
      const latencies: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t0 = performance.now();
        await run();
        latencies.push(performance.now() - t0);
      }
      latencies.sort((a, b) => a - b);
      return `p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies.at(-1)!.toFixed(2)} ms`;
    };

    console.log(`\n${REQUESTS} sequential requests each, over HTTP (case API in this process, PostgreSQL on this machine):`);
    for (const [name, id] of [[`${BIG_CASES} cases`, big], [`typical (${TYPICAL.cases} cases)`, typical]] as const) {
      for (const endpoint of ['standing', 'storefront', 'metrics']) {
        console.log(`  ${endpoint.padEnd(10)} ${name.padEnd(20)} ${await time(() => get(`/v1/suppliers/${id}/${endpoint}`))}`);
      }
    }
    const shown = await get(`/v1/suppliers/${big}/storefront`);
    console.log(`  (the big supplier's storefront: ${JSON.stringify(shown)})`);

    console.log(`\nthe scan the rollup replaced (the former /metrics statements), straight through pg:`);
    const now = new Date();
    const yearAgo = new Date(now);
    yearAgo.setUTCFullYear(now.getUTCFullYear() - 1);
    const params = (id: string) => [id, yearAgo, new Date(now.getTime() - 30 * 86_400_000), now];
    for (const [name, id] of [[`${BIG_CASES} cases`, big], ['typical', typical]] as const) {
      console.log(`  scan       ${name.padEnd(20)} ${await time(() => Promise.all([db.query(SCAN_CASES_SQL, params(id)), db.query(SCAN_ORDERS_SQL, params(id))]))}`);
    }

    console.log(`\nwhat the rollup costs a write: single-row case updates that move a count, one at a time:`);
    const ids: string[] = (await db.query(`SELECT id FROM cases WHERE supplier_id = $1 LIMIT 2000`, [big])).rows.map((r: { id: string }) => r.id);
    const flip = async () => {
      const t0 = performance.now();
      for (const id of ids) await db.query(`UPDATE cases SET status = CASE status WHEN 'open' THEN 'negotiating' ELSE 'open' END WHERE id = $1`, [id]);
      return (performance.now() - t0) / ids.length;
    };
    const withRollup = await flip();
    await db.query(`ALTER TABLE cases DISABLE TRIGGER cases_supplier_rollup_update`);
    const without = await flip();
    await db.query(`ALTER TABLE cases ENABLE TRIGGER cases_supplier_rollup_update`);
    console.log(`  ${withRollup.toFixed(3)} ms per update with the rollup's trigger, ${without.toFixed(3)} ms without (+${(withRollup - without).toFixed(3)} ms)`);
  } finally {
    await db.end();
    await app.close();
    await env.close();
  }
}

/**
 * For each supplier, `caseCount` cases and `orderCount` completed orders spread over the last 365 days: 90 % of the
 * cases answered within 0–72 hours (skewed short), most resolved with every kind of outcome. Orders of the cases
 * stay delivered, as disputed orders do; rows go in a few statements, and the rollup's statement triggers count them.
 */
async function seedSupplier(db: Pool, suppliers: string | string[], caseCount: number, orderCount: number): Promise<void> {
  const ids = Array.isArray(suppliers) ? suppliers : [suppliers];
  await db.query(
    `INSERT INTO orders (id, buyer_id, supplier_id, amount, currency, payment_method, ship_by, trade_assurance, customized, status, completed_at)
     SELECT gen_random_uuid(), gen_random_uuid(), s, 1000 + (random() * 99000)::int, CASE WHEN random() < 0.8 THEN 'USD' ELSE 'EUR' END,
            'credit_card', now(), true, false, 'completed', now() - random() * interval '365 days'
       FROM unnest($1::uuid[]) s, generate_series(1, $2)`,
    [ids, orderCount],
  );
  await db.query(
    `WITH o AS (
       INSERT INTO orders (id, buyer_id, supplier_id, amount, currency, payment_method, ship_by, trade_assurance, customized, status)
       SELECT gen_random_uuid(), gen_random_uuid(), s, 100000, 'USD', 'credit_card', now(), true, false, 'delivered'
         FROM unnest($1::uuid[]) s, generate_series(1, $2)
       RETURNING id, buyer_id, supplier_id
     ), c AS (
       SELECT o.*, now() - random() * interval '365 days' AS opened, random() AS r, random() AS answer FROM o
     )
     INSERT INTO cases (id, order_id, buyer_id, supplier_id, reason, description, status, claim_amount, currency, order_amount, policy,
                        first_response_at, outcome_kind, refund_amount, created_at, updated_at)
     SELECT gen_random_uuid(), c.id, c.buyer_id, c.supplier_id, 'damaged', 'bench',
            CASE WHEN c.r < 0.7 THEN 'resolved' WHEN c.r < 0.9 THEN 'negotiating' ELSE 'open' END,
            40000, 'USD', 100000, '{"supplierResponse":"P3D"}'::jsonb,
            CASE WHEN c.r < 0.9 THEN c.opened + c.answer * c.answer * interval '72 hours' END,
            CASE WHEN c.r < 0.3 THEN 'agreed' WHEN c.r < 0.45 THEN 'decision' WHEN c.r < 0.6 THEN 'appeal' WHEN c.r < 0.7 THEN 'supplier_unresponsive' END,
            CASE WHEN c.r < 0.7 THEN (ARRAY[0, 20000, 40000])[1 + floor(c.answer * 3)::int] END,
            c.opened, c.opened
       FROM c`,
    [ids, caseCount],
  );
}

// The statements of the former GET /v1/suppliers/:id/metrics, which read every case of the period.
const SCAN_CASES_SQL = `
  WITH c AS (
    SELECT created_at >= $3 AS recent,
           extract(epoch FROM first_response_at - created_at) AS response_seconds,
           extract(epoch FROM first_response_at - created_at) <= extract(epoch FROM (policy->>'supplierResponse')::interval) AS in_time,
           CASE WHEN status <> 'resolved' OR outcome_kind IS NULL THEN NULL WHEN outcome_kind = 'agreed' THEN 'agreed'
                WHEN outcome_kind = 'supplier_unresponsive' OR refund_amount >= claim_amount THEN 'buyer'
                WHEN coalesce(refund_amount, 0) = 0 THEN 'supplier' ELSE 'partial' END AS outcome
      FROM cases WHERE supplier_id = $1 AND created_at >= $2 AND created_at <= $4
  )
  SELECT p.period, count(*)::int, count(*) FILTER (WHERE c.in_time)::int,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY c.response_seconds), count(*) FILTER (WHERE c.outcome = 'agreed')::int,
         count(*) FILTER (WHERE c.outcome = 'buyer')::int, count(*) FILTER (WHERE c.outcome = 'supplier')::int,
         count(*) FILTER (WHERE c.outcome = 'partial')::int
    FROM c CROSS JOIN LATERAL (VALUES ('last12Months', true), ('last30Days', c.recent)) AS p (period, inside)
   WHERE p.inside GROUP BY p.period`;
const SCAN_ORDERS_SQL = `
  SELECT p.period, o.currency, count(*)::int, sum(o.amount)::text
    FROM orders o CROSS JOIN LATERAL (VALUES ('last12Months', true), ('last30Days', o.completed_at >= $3)) AS p (period, inside)
   WHERE o.supplier_id = $1 AND o.status = 'completed' AND o.completed_at >= $2 AND o.completed_at <= $4 AND p.inside
   GROUP BY p.period, o.currency ORDER BY o.currency`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
