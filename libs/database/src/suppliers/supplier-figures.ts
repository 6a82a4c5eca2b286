import type { Money } from '@app/domain';
import { DataSource, EntityManager } from 'typeorm';

/** Buckets of the answer-time histogram: the rollup's (migration SupplierRollup1763800000450). */
export const RESPONSE_BUCKETS = 32;

/** What a supplier's cases and orders add up to over one period. */
export interface SupplierPeriodFigures {
  /** Cases opened against the supplier in the period. */
  disputes: number;
  /** Of those, still open and never answered. */
  awaitingResponse: number;
  /** Of those, answered at all / within the response deadline of their policy. */
  responded: number;
  respondedInTime: number;
  /** Of those resolved: by agreement; for the buyer (silence, or the whole claim); for the supplier; partly. */
  agreed: number;
  buyerFavoured: number;
  supplierFavoured: number;
  partial: number;
  /** Orders completed in the period, and their value per currency (sorted by currency). */
  completedOrders: number;
  completedValue: Money[];
  /** The median of the seconds to the first answer, over the period's answered cases (null when none); if asked for. */
  medianResponseSeconds: number | null;
}

export interface PeriodRequest {
  from: Date;
  /** Whether to find the median answer time (one more index probe). */
  median?: boolean;
}

/** A period's case counts as CASES_SQL sums them: the figures' own names, plus the answer-time histogram. */
type CaseSums = Omit<SupplierPeriodFigures, 'completedOrders' | 'completedValue' | 'medianResponseSeconds'> & { n: number; buckets: number[] };

const COUNTS: Record<keyof Omit<CaseSums, 'n' | 'buckets'>, string> = {
  disputes: 'disputes',
  awaitingResponse: 'awaiting_response',
  responded: 'responded',
  respondedInTime: 'responded_in_time',
  agreed: 'agreed',
  buyerFavoured: 'buyer_favoured',
  supplierFavoured: 'supplier_favoured',
  partial: 'partial',
};
const COUNT_COLUMNS = Object.values(COUNTS).join(', ');
const bucketSums = Array.from({ length: RESPONSE_BUCKETS }, (_, i) => `coalesce(sum(x.response_buckets[${i + 1}]), 0)`).join(', ');

// $2..$4: per period its start, the UTC day of its start and the end of that day; $5 the UTC day of `to`, $6 its end.
const PERIODS = `unnest($2::timestamptz[], $3::date[], $4::timestamptz[]) WITH ORDINALITY AS w (from_at, from_day, from_day_end, n)`;

/*
 * Whole days after the start's day come from the rollup; the part of the start's day inside the period is counted
 * from the rows themselves with the rollup's own tally functions (at most a day of the supplier's rows). The end is the
 * end of `to`'s day, which for `to` = now holds nothing later.
 */
const CASES_SQL = `
  SELECT w.n::int AS n,
         ${Object.entries(COUNTS).map(([key, column]) => `coalesce(sum(x.${column}), 0)::int AS "${key}"`).join(',\n         ')},
         ARRAY[${bucketSums}]::int[] AS buckets
    FROM ${PERIODS}
    LEFT JOIN LATERAL (
      SELECT ${COUNT_COLUMNS}, d.response_buckets FROM supplier_case_days d
       WHERE d.supplier_id = $1 AND d.day > w.from_day AND d.day <= $5::date
      UNION ALL
      SELECT ${COUNT_COLUMNS}, t.response_buckets FROM cases c CROSS JOIN LATERAL supplier_case_tally(c) t
       WHERE c.supplier_id = $1 AND c.created_at >= w.from_at AND c.created_at < least(w.from_day_end, $6::timestamptz)
    ) x ON true
   GROUP BY w.n
   ORDER BY w.n`;

const ORDERS_SQL = `
  SELECT w.n::int AS n, x.currency, sum(x.orders)::int AS orders, sum(x.value)::text AS value
    FROM ${PERIODS}
    CROSS JOIN LATERAL (
      SELECT d.currency, d.orders, d.value FROM supplier_order_days d
       WHERE d.supplier_id = $1 AND d.day > w.from_day AND d.day <= $5::date
      UNION ALL
      SELECT t.currency, t.orders, t.value FROM orders o CROSS JOIN LATERAL supplier_order_tally(o) t
       WHERE o.supplier_id = $1 AND o.status = 'completed'
         AND o.completed_at >= w.from_at AND o.completed_at < least(w.from_day_end, $6::timestamptz)
    ) x
   GROUP BY w.n, x.currency
  HAVING sum(x.orders) <> 0
   ORDER BY w.n, x.currency`;

// The k-th and (k+1)-th answer times from bucket `$2` on, in order: an index-only range scan of that bucket.
const NTH_ANSWER_SQL = `
  SELECT response_seconds AS seconds FROM cases
   WHERE supplier_id = $1 AND response_bucket >= $2 AND created_at >= $3 AND created_at < $4
   ORDER BY response_bucket, response_seconds
  OFFSET $5 LIMIT 2`;

const DAY_MS = 86_400_000;
const utcDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * A supplier's figures over periods that all end at `to` (each [from, to]), from the rollup, in one consistent
 * snapshot: the histogram that locates a median and the rows it is read from must agree.
 */
export async function supplierFigures(dataSource: DataSource, supplierId: string, periods: PeriodRequest[], to: Date): Promise<SupplierPeriodFigures[]> {
  // BEGIN with its isolation in one statement: a round trip less than dataSource.transaction('REPEATABLE READ').
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const figures = await readFigures(runner.manager, supplierId, periods, to);
    await runner.query('COMMIT');
    return figures;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

async function readFigures(manager: EntityManager, supplierId: string, periods: PeriodRequest[], to: Date): Promise<SupplierPeriodFigures[]> {
  const toDayEnd = new Date(utcDay(to).getTime() + DAY_MS);
  const params = [
    supplierId,
    periods.map((p) => p.from),
    periods.map((p) => isoDay(p.from)),
    periods.map((p) => new Date(utcDay(p.from).getTime() + DAY_MS)),
    isoDay(to),
    toDayEnd,
  ];
  const cases: CaseSums[] = await manager.query(CASES_SQL, params);
  const orders: Array<{ n: number; currency: string; orders: number; value: string }> = await manager.query(ORDERS_SQL, params);
  return Promise.all(
    periods.map(async (period, i) => {
      const { n: _n, buckets, ...counts } = cases[i];
      const completed = orders.filter((row) => row.n === i + 1);
      return {
        ...counts,
        completedOrders: completed.reduce((sum, row) => sum + row.orders, 0),
        completedValue: completed.map((row) => ({ amount: Number(row.value), currency: row.currency })),
        medianResponseSeconds: period.median ? await medianAnswer(manager, supplierId, buckets, period.from, toDayEnd) : null,
      };
    }),
  );
}

/**
 * The median as percentile_cont(0.5) computes it: the middle answer time, or the mean of the two middle ones. The
 * histogram names the bucket holding the lower middle one and how many come before it; the index gives the value.
 */
async function medianAnswer(manager: EntityManager, supplierId: string, buckets: number[], from: Date, end: Date): Promise<number | null> {
  const answered = buckets.reduce((sum, count) => sum + count, 0);
  if (answered === 0) return null;
  const lower = Math.floor((answered - 1) / 2);
  let bucket = 0;
  let before = 0;
  while (before + buckets[bucket] <= lower) before += buckets[bucket++];
  const rows: Array<{ seconds: number }> = await manager.query(NTH_ANSWER_SQL, [supplierId, bucket, from, end, lower - before]);
  const odd = answered % 2 === 1;
  if (rows.length < (odd ? 1 : 2)) throw new Error(`the answer-time rollup of supplier ${supplierId} disagrees with its cases`);
  return odd ? rows[0].seconds : (rows[0].seconds + rows[1].seconds) / 2;
}
