import { createDataSource, MIGRATIONS, runMigrations } from '@app/database';
import { parseDuration } from '@app/domain';
import { createTestDatabase, databaseUrl, startTestApp, SupplierFixtures, TestApp, testUser } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

const DAY = 86_400_000;
const THRESHOLDS = Array.from({ length: 31 }, (_, i) => Math.round(60 * 2 ** (i / 2)));

/** A small seeded generator, so a failure can be replayed (ROLLUP_SEED). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface CaseRow {
  supplier_id: string;
  created_at: Date;
  first_response_at: Date | null;
  status: string;
  outcome_kind: string | null;
  refund_amount: string | null;
  claim_amount: string;
  policy: { supplierResponse?: string };
}
interface OrderRow {
  supplier_id: string;
  status: string;
  completed_at: Date | null;
  currency: string;
  amount: string;
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const seconds = (c: CaseRow) => (c.first_response_at!.getTime() - c.created_at.getTime()) / 1000;

/** What a case counts, computed here from its columns: the oracle for the database's supplier_case_tally. */
function tally(c: CaseRow) {
  const responded = c.first_response_at !== null;
  const due = c.policy.supplierResponse ? parseDuration(c.policy.supplierResponse) / 1000 : null;
  const refund = c.refund_amount === null ? null : Number(c.refund_amount);
  const outcome =
    c.status !== 'resolved' || !c.outcome_kind
      ? null
      : c.outcome_kind === 'agreed'
        ? 'agreed'
        : c.outcome_kind === 'supplier_unresponsive' || (refund !== null && refund >= Number(c.claim_amount))
          ? 'buyer'
          : (refund ?? 0) === 0
            ? 'supplier'
            : 'partial';
  const buckets = Array<number>(32).fill(0);
  if (responded) buckets[THRESHOLDS.filter((t) => t <= seconds(c)).length] = 1;
  return {
    disputes: 1,
    awaiting_response: !responded && c.status === 'open' ? 1 : 0,
    responded: responded ? 1 : 0,
    responded_in_time: responded && due !== null && seconds(c) <= due ? 1 : 0,
    agreed: outcome === 'agreed' ? 1 : 0,
    buyer_favoured: outcome === 'buyer' ? 1 : 0,
    supplier_favoured: outcome === 'supplier' ? 1 : 0,
    partial: outcome === 'partial' ? 1 : 0,
    response_buckets: buckets,
  };
}

type Tally = ReturnType<typeof tally>;
const NOTHING: Tally = {
  disputes: 0,
  awaiting_response: 0,
  responded: 0,
  responded_in_time: 0,
  agreed: 0,
  buyer_favoured: 0,
  supplier_favoured: 0,
  partial: 0,
  response_buckets: Array<number>(32).fill(0),
};
const add = (a: Tally, b: Tally): Tally =>
  Object.fromEntries(
    Object.entries(a).map(([key, value]) => [key, Array.isArray(value) ? value.map((v, i) => v + (b[key as keyof Tally] as number[])[i]) : value + (b[key as keyof Tally] as number)]),
  ) as Tally;
const isZero = (t: Tally) => Object.values(t).every((v) => (Array.isArray(v) ? v.every((x) => x === 0) : v === 0));

/** The rollup as the rows say it should be, and as the database holds it (all-zero rows left out of both). */
async function rollupsOf(db: DataSource): Promise<{ expected: unknown; actual: unknown }> {
  const cases: CaseRow[] = await db.query(`SELECT supplier_id, created_at, first_response_at, status, outcome_kind, refund_amount, claim_amount, policy FROM cases`);
  const orders: OrderRow[] = await db.query(`SELECT supplier_id, status, completed_at, currency, amount FROM orders`);
  const caseDays = new Map<string, Tally>();
  for (const c of cases) {
    const key = `${c.supplier_id} ${dayOf(c.created_at)}`;
    caseDays.set(key, caseDays.has(key) ? add(caseDays.get(key)!, tally(c)) : tally(c));
  }
  const orderDays = new Map<string, { orders: number; value: number }>();
  for (const o of orders.filter((o) => o.status === 'completed' && o.completed_at)) {
    const key = `${o.supplier_id} ${dayOf(o.completed_at!)} ${o.currency}`;
    const sum = orderDays.get(key) ?? { orders: 0, value: 0 };
    orderDays.set(key, { orders: sum.orders + 1, value: sum.value + Number(o.amount) });
  }
  const storedCases: Array<Tally & { supplier_id: string; day: string }> = await db.query(
    `SELECT supplier_id, day::text AS day, disputes, awaiting_response, responded, responded_in_time, agreed, buyer_favoured,
            supplier_favoured, partial, response_buckets FROM supplier_case_days`,
  );
  const storedOrders: Array<{ supplier_id: string; day: string; currency: string; orders: number; value: string }> = await db.query(
    `SELECT supplier_id, day::text AS day, currency, orders, value FROM supplier_order_days`,
  );
  const sorted = <T>(entries: Array<[string, T]>) => Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  return {
    expected: {
      cases: sorted([...caseDays].filter(([, t]) => !isZero(t))),
      orders: sorted([...orderDays].filter(([, o]) => o.orders !== 0 || o.value !== 0)),
    },
    actual: {
      cases: sorted(storedCases.map(({ supplier_id, day, ...t }) => [`${supplier_id} ${day}`, t] as [string, Tally]).filter(([, t]) => !isZero(t))),
      orders: sorted(
        storedOrders
          .map((o) => [`${o.supplier_id} ${o.day} ${o.currency}`, { orders: o.orders, value: Number(o.value) }] as [string, { orders: number; value: number }])
          .filter(([, o]) => o.orders !== 0 || o.value !== 0),
      ),
    },
  };
}

/** GET /metrics as the rows say it should be: the period's cases and orders, and percentile_cont(0.5) of the answers. */
function expectedMetrics(cases: CaseRow[], orders: OrderRow[], supplierId: string, from: Date, to: Date) {
  const inPeriod = (at: Date | null) => at !== null && at >= from && at <= to;
  const mine = cases.filter((c) => c.supplier_id === supplierId && inPeriod(c.created_at));
  const tallies = mine.map(tally).reduce(add, NOTHING);
  const disputes = mine.length;
  const answers = mine.filter((c) => c.first_response_at).map(seconds).sort((a, b) => a - b);
  const mid = (answers.length - 1) / 2;
  const median = answers.length ? (answers[Math.floor(mid)] + answers[Math.ceil(mid)]) / 2 : null;
  const completed = orders.filter((o) => o.supplier_id === supplierId && o.status === 'completed' && inPeriod(o.completed_at));
  const value = new Map<string, number>();
  for (const o of completed) value.set(o.currency, (value.get(o.currency) ?? 0) + Number(o.amount));
  return {
    disputes,
    respondedInTime: tallies.responded_in_time,
    responseRate: disputes ? Math.round((tallies.responded_in_time / disputes) * 10_000) / 10_000 : 0,
    medianFirstResponseHours: median === null ? null : Math.round((median / 3600) * 100) / 100,
    outcomes: { agreed: tallies.agreed, buyerFavoured: tallies.buyer_favoured, supplierFavoured: tallies.supplier_favoured, partial: tallies.partial },
    completedOrders: completed.length,
    completedValue: [...value].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ amount, currency })),
  };
}

describe('The supplier rollup (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock));
  });
  afterAll(() => t.close());

  it('stays equal to what the rows add up to through inserts, updates, multi-row statements, deletes and rollbacks', async () => {
    const seed = Number(process.env.ROLLUP_SEED ?? Date.now() % 100_000);
    const rand = random(seed);
    const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
    const suppliers = [randomUUID(), randomUUID(), randomUUID()];
    const rows = new SupplierFixtures(t.dataSource);
    const now = t.clock.now().getTime();
    // Times within the last 400 days, several on the same days and some near midnight, to meet every edge.
    const when = () => new Date(Math.floor((now - rand() * 400 * DAY) / DAY) * DAY + pick([0, 1000, 12 * 3600_000, DAY - 1000]));
    const outcomes = ['agreed', 'supplier_unresponsive', 'decision', 'appeal'] as const;
    const orderIds: string[] = [];
    const caseIds: string[] = [];

    for (let step = 0; step < 300; step++) {
      const choice = rand();
      if (choice < 0.2 || caseIds.length < 5) {
        const openedAt = when();
        caseIds.push(await rows.case({ supplierId: pick(suppliers), openedAt, supplierResponse: pick(['P3D', 'PT2H', 'PT0.5S']) }));
      } else if (choice < 0.35) {
        const completed = rand() < 0.6;
        orderIds.push(await rows.order({ supplierId: pick(suppliers), status: completed ? 'completed' : 'delivered', completedAt: completed ? when() : null, amount: 1 + Math.floor(rand() * 10_000), currency: pick(['USD', 'EUR']) }));
      } else if (choice < 0.45) {
        await t.dataSource.query(`UPDATE orders SET status = 'completed', completed_at = $2 WHERE id = $1 AND status <> 'completed'`, [pick(orderIds.length ? orderIds : [randomUUID()]), when()]);
      } else if (choice < 0.6) {
        await t.dataSource.query(`UPDATE cases SET first_response_at = created_at + $2 * interval '1 second', status = 'negotiating' WHERE id = $1`, [pick(caseIds), Math.floor(rand() * 5 * 86_400)]);
      } else if (choice < 0.72) {
        await t.dataSource.query(`UPDATE cases SET status = 'resolved', outcome_kind = $2, refund_amount = $3 WHERE id = $1`, [pick(caseIds), pick([...outcomes]), pick([0, 400, 1000, 1200])]);
      } else if (choice < 0.78) {
        await t.dataSource.query(`UPDATE cases SET status = $2 WHERE id = $1`, [pick(caseIds), pick(['withdrawn', 'escalated', 'open', 'decided'])]);
      } else if (choice < 0.83) {
        // One statement over many rows of one supplier, on many days.
        await t.dataSource.query(`UPDATE cases SET status = 'resolved', outcome_kind = 'agreed', refund_amount = claim_amount WHERE supplier_id = $1 AND status = 'negotiating'`, [pick(suppliers)]);
      } else if (choice < 0.88) {
        await t.dataSource.query(`UPDATE cases SET claim_amount = claim_amount + 1 WHERE supplier_id = $1`, [pick(suppliers)]);
      } else if (choice < 0.92) {
        const id = caseIds.splice(Math.floor(rand() * caseIds.length), 1)[0];
        await t.dataSource.query(`DELETE FROM cases WHERE id = $1`, [id]);
      } else {
        // Changes in a transaction that rolls back leave no trace in the rollup either.
        await t.dataSource
          .transaction(async (m) => {
            await m.query(`UPDATE cases SET status = 'resolved', outcome_kind = 'decision', refund_amount = 0 WHERE supplier_id = $1`, [pick(suppliers)]);
            await m.query(`UPDATE orders SET status = 'completed', completed_at = $2 WHERE supplier_id = $1`, [pick(suppliers), when()]);
            throw new Error('rolled back');
          })
          .catch(() => undefined);
      }
    }

    const { expected, actual } = await rollupsOf(t.dataSource);
    expect({ seed, ...(actual as object) }).toEqual({ seed, ...(expected as object) });

    // And the figures read from it are the ones a scan of the rows gives, median and period edges included.
    const cases: CaseRow[] = await t.dataSource.query(`SELECT supplier_id, created_at, first_response_at, status, outcome_kind, refund_amount, claim_amount, policy FROM cases`);
    const orders: OrderRow[] = await t.dataSource.query(`SELECT supplier_id, status, completed_at, currency, amount FROM orders`);
    const user = await testUser('buyer');
    for (const supplierId of suppliers) {
      const { body } = await t.http.get(`/v1/suppliers/${supplierId}/metrics`).set(user.auth).expect(200);
      for (const period of ['last30Days', 'last12Months'] as const) {
        const { from, to, ...figures } = body[period];
        expect({ seed, supplierId, period, figures }).toEqual({
          seed,
          supplierId,
          period,
          figures: expectedMetrics(cases, orders, supplierId, new Date(from), new Date(to)),
        });
      }
    }
  });

  it('counts concurrent changes to one supplier and day without losing any', async () => {
    const supplierId = randomUUID();
    const openedAt = new Date();
    const rows = new SupplierFixtures(t.dataSource);
    const ids = await Promise.all(Array.from({ length: 25 }, () => rows.case({ supplierId, openedAt })));
    await Promise.all(ids.map((id, i) => t.dataSource.query(`UPDATE cases SET first_response_at = created_at + $2 * interval '1 minute', status = 'negotiating' WHERE id = $1`, [id, i])));
    const [day] = await t.dataSource.query(`SELECT disputes, awaiting_response, responded FROM supplier_case_days WHERE supplier_id = $1`, [supplierId]);
    expect(day).toEqual({ disputes: 25, awaiting_response: 0, responded: 25 });
    const { body } = await t.http.get(`/v1/suppliers/${supplierId}/metrics`).set((await testUser('admin')).auth).expect(200);
    expect(body.last30Days.medianFirstResponseHours).toBe(0.2); // 12 minutes, the middle of 0..24
  });

  it('may be read by the apps, never written: only the triggers write it', async () => {
    for (const sql of [
      `INSERT INTO supplier_case_days (supplier_id, day, disputes, awaiting_response, responded, responded_in_time, agreed, buyer_favoured, supplier_favoured, partial, response_buckets)
       VALUES (gen_random_uuid(), current_date, 1, 0, 0, 0, 0, 0, 0, 0, array_fill(0, ARRAY[32]))`,
      `UPDATE supplier_order_days SET orders = orders + 100`,
      `DELETE FROM supplier_case_days`,
    ]) {
      await expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied/);
    }
    await expect(t.dataSource.query(`SELECT count(*) FROM supplier_case_days`)).resolves.toBeDefined();
  });
});

describe('The supplier rollup migration (e2e)', () => {
  it('counts what was there before it', async () => {
    const database = await createTestDatabase({ empty: true });
    const rollupAt = MIGRATIONS.findIndex((m) => m.name === 'SupplierRollup1763800000450');
    const before = createDataSource(databaseUrl(database), 2);
    before.setOptions({ migrations: MIGRATIONS.slice(0, rollupAt) });
    await before.initialize();
    try {
      await runMigrations(before);
      // As the code before the rollup left them: a year of a supplier's orders and cases, answered or not.
      const supplierId = randomUUID();
      const rows = new SupplierFixtures(before);
      const now = Date.now();
      for (let i = 0; i < 30; i++) {
        const openedAt = new Date(now - (i * 11 + 1) * DAY - i * 997_000);
        await rows.case({ supplierId, openedAt, respondedAt: i % 3 ? new Date(openedAt.getTime() + i * 3600_000) : undefined, outcome: i % 4 ? undefined : 'decision', refund: 500 });
        await rows.order({ supplierId, completedAt: new Date(now - i * 12 * DAY), amount: 100 + i, currency: i % 2 ? 'USD' : 'EUR' });
      }
    } finally {
      await before.destroy();
    }
    const after = await createDataSource(databaseUrl(database), 2).initialize();
    try {
      expect(await runMigrations(after)).toContain('SupplierRollup1763800000450');
      const { expected, actual } = await rollupsOf(after);
      expect((expected as { cases: object }).cases).not.toEqual({});
      expect(actual).toEqual(expected);
    } finally {
      await after.destroy();
    }
  });
});
