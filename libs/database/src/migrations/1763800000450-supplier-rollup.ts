import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_DATABASE_ROLE } from '../database-roles';

/*
 * Supplier figures (metrics, standing, storefront) from a rollup instead of a scan of the supplier's cases on each
 * call: per supplier and UTC day, what the cases opened that day and the orders completed that day add up to. A query
 * for a 12-month period sums at most 366 small rows per table, whatever the supplier's volume.
 *
 * The database keeps the rollup, in the transaction of the change that moves a count: statement triggers on cases and
 * orders add what each statement's new rows count and take away what its old rows counted (transition tables), so
 * every writer (the case store, the deadline and auto-confirm sweeps, a fixture's SQL) keeps it right, and an update
 * that moves no count writes nothing. Rows are upserted in key order, so two multi-row statements take their row
 * locks in the same order. The trigger functions are SECURITY DEFINER: the apps' role may read the rollup, not write it.
 *
 * What a case counts is one SQL function, supplier_case_tally, which the triggers, the backfill below and the readers
 * (for the part of a day at a period's start) all use:
 * - disputes: 1; awaiting_response: still open and never answered (the supplier may yet answer in time);
 * - responded / responded_in_time: a first answer, within the response deadline of the policy the case was opened under;
 * - agreed / buyer_favoured / supplier_favoured / partial: a resolved case's outcome (agreed; the supplier's silence or
 *   a decision refunding the whole claim; nothing refunded; part of it);
 * - response_buckets: a one-hot histogram of the time to the first answer. A median cannot be summed, but the
 *   histogram says which bucket holds it, and cases_supplier_response_idx finds the exact value inside that bucket.
 *
 * Buckets: response_bucket is the number of thresholds at or below the seconds to the first answer (width_bucket),
 * thresholds 60 s · √2^i, i = 0..30 (one minute to about 23 days), so 32 buckets, 0 to 31. Never change them here: a
 * new set needs a migration that rebuilds the generated column and the rollup.
 */
const THRESHOLDS = Array.from({ length: 31 }, (_, i) => Math.round(60 * 2 ** (i / 2)));
const BUCKETS = THRESHOLDS.length + 1;
const bucketIndexes = Array.from({ length: BUCKETS }, (_, i) => i + 1);

const CASE_COUNTS = ['disputes', 'awaiting_response', 'responded', 'responded_in_time', 'agreed', 'buyer_favoured', 'supplier_favoured', 'partial'];

/** sum(sign * x) of each count and of each bucket, over a relation `t` of tallies with a `sign` column. */
const caseSums = `${CASE_COUNTS.map((c) => `sum(t.sign * t.${c})::int AS ${c}`).join(', ')},
  ARRAY[${bucketIndexes.map((i) => `sum(t.sign * t.response_buckets[${i}])`).join(', ')}]::int[] AS response_buckets`;
const caseDeltaIsZero = `${CASE_COUNTS.map((c) => `sum(t.sign * t.${c}) = 0`).join(' AND ')}
  AND ${bucketIndexes.map((i) => `sum(t.sign * t.response_buckets[${i}]) = 0`).join(' AND ')}`;
const caseUpsert = (tallies: string) => `
  INSERT INTO supplier_case_days AS d (supplier_id, day, ${CASE_COUNTS.join(', ')}, response_buckets)
  SELECT t.supplier_id, t.day, ${caseSums}
    FROM (${tallies}) t
   GROUP BY t.supplier_id, t.day
  HAVING NOT (${caseDeltaIsZero})
   ORDER BY t.supplier_id, t.day
  ON CONFLICT (supplier_id, day) DO UPDATE SET
    ${CASE_COUNTS.map((c) => `${c} = d.${c} + EXCLUDED.${c}`).join(', ')},
    response_buckets = ARRAY[${bucketIndexes.map((i) => `d.response_buckets[${i}] + EXCLUDED.response_buckets[${i}]`).join(', ')}]`;
const caseTallies = (rows: string, sign: 1 | -1) => `SELECT t.*, ${sign} AS sign FROM ${rows} r CROSS JOIN LATERAL supplier_case_tally(r) t`;

const orderUpsert = (tallies: string) => `
  INSERT INTO supplier_order_days AS d (supplier_id, day, currency, orders, value)
  SELECT t.supplier_id, t.day, t.currency, sum(t.sign * t.orders)::int, sum(t.sign * t.value)::bigint
    FROM (${tallies}) t
   GROUP BY t.supplier_id, t.day, t.currency
  HAVING sum(t.sign * t.orders) <> 0 OR sum(t.sign * t.value) <> 0
   ORDER BY t.supplier_id, t.day, t.currency
  ON CONFLICT (supplier_id, day, currency) DO UPDATE SET orders = d.orders + EXCLUDED.orders, value = d.value + EXCLUDED.value`;
const orderTallies = (rows: string, sign: 1 | -1) => `SELECT t.*, ${sign} AS sign FROM ${rows} r CROSS JOIN LATERAL supplier_order_tally(r) t`;

const TRIGGERS: Array<{ table: 'cases' | 'orders'; event: 'INSERT' | 'UPDATE' | 'DELETE' }> = [
  { table: 'cases', event: 'INSERT' },
  { table: 'cases', event: 'UPDATE' },
  { table: 'cases', event: 'DELETE' },
  { table: 'orders', event: 'INSERT' },
  { table: 'orders', event: 'UPDATE' },
  { table: 'orders', event: 'DELETE' },
];

export class SupplierRollup1763800000450 implements MigrationInterface {
  name = 'SupplierRollup1763800000450';

  async up(q: QueryRunner): Promise<void> {
    const [{ schema }]: Array<{ schema: string }> = await q.query(`SELECT quote_ident(current_schema()) AS schema`);
    const pinned = `SET search_path = ${schema}, pg_temp`;

    // Seconds from opening to the supplier's first answer, and their bucket (see above); NULL while unanswered.
    const seconds = `extract(epoch FROM first_response_at - created_at)::double precision`;
    await q.query(`ALTER TABLE cases
      ADD COLUMN response_seconds double precision GENERATED ALWAYS AS (${seconds}) STORED,
      ADD COLUMN response_bucket smallint GENERATED ALWAYS AS (width_bucket(${seconds}, '{${THRESHOLDS.join(',')}}'::double precision[])) STORED`);
    // The median: the k-th answer time within one bucket of a supplier's cases, in order, from the index alone.
    await q.query(`CREATE INDEX cases_supplier_response_idx ON cases (supplier_id, response_bucket, response_seconds)
      INCLUDE (created_at) WHERE response_bucket IS NOT NULL`);

    await q.query(`
      CREATE TABLE supplier_case_days (
        supplier_id uuid NOT NULL,
        day date NOT NULL,
        ${CASE_COUNTS.map((c) => `${c} integer NOT NULL`).join(',\n        ')},
        response_buckets integer[] NOT NULL CHECK (cardinality(response_buckets) = ${BUCKETS}),
        PRIMARY KEY (supplier_id, day)
      )`);
    await q.query(`
      CREATE TABLE supplier_order_days (
        supplier_id uuid NOT NULL,
        day date NOT NULL,
        currency char(3) NOT NULL,
        orders integer NOT NULL,
        value bigint NOT NULL,
        PRIMARY KEY (supplier_id, day, currency)
      )`);
    // Written by the triggers only (their functions run as the owner); the apps read.
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON supplier_case_days, supplier_order_days FROM ${APP_DATABASE_ROLE}`);

    // The tally functions are SETOF, plain SQL and without a pinned search_path, so the planner inlines them into the
    // statements that call them (a function call per row costs more than the rest of a reader's query). They read only
    // their argument's columns and built-in functions, which a session's search_path cannot shadow.
    await q.query(`
      CREATE TYPE supplier_case_tally AS (
        supplier_id uuid,
        day date,
        ${CASE_COUNTS.map((c) => `${c} integer`).join(',\n        ')},
        response_buckets integer[]
      )`);
    await q.query(`
      CREATE FUNCTION supplier_case_tally(c cases) RETURNS SETOF supplier_case_tally LANGUAGE sql STABLE AS $$
        SELECT c.supplier_id,
               (c.created_at AT TIME ZONE 'UTC')::date,
               1,
               (c.first_response_at IS NULL AND c.status = 'open')::int,
               (c.response_seconds IS NOT NULL)::int,
               coalesce(c.response_seconds <= extract(epoch FROM (c.policy->>'supplierResponse')::interval), false)::int,
               coalesce((o.outcome = 'agreed')::int, 0),
               coalesce((o.outcome = 'buyer')::int, 0),
               coalesce((o.outcome = 'supplier')::int, 0),
               coalesce((o.outcome = 'partial')::int, 0),
               CASE WHEN c.response_bucket IS NULL THEN array_fill(0, ARRAY[${BUCKETS}])
                    ELSE array_fill(0, ARRAY[c.response_bucket]) || 1 || array_fill(0, ARRAY[${BUCKETS - 1} - c.response_bucket]) END
          FROM (SELECT CASE
                         WHEN c.status <> 'resolved' OR c.outcome_kind IS NULL THEN NULL
                         WHEN c.outcome_kind = 'agreed' THEN 'agreed'
                         WHEN c.outcome_kind = 'supplier_unresponsive' OR c.refund_amount >= c.claim_amount THEN 'buyer'
                         WHEN coalesce(c.refund_amount, 0) = 0 THEN 'supplier'
                         ELSE 'partial'
                       END AS outcome) o
      $$`);
    await q.query(`CREATE TYPE supplier_order_tally AS (supplier_id uuid, day date, currency char(3), orders integer, value bigint)`);
    // An order counts on the day it completed; one that has not completed counts nothing.
    await q.query(`
      CREATE FUNCTION supplier_order_tally(o orders) RETURNS SETOF supplier_order_tally LANGUAGE sql STABLE AS $$
        SELECT o.supplier_id, (o.completed_at AT TIME ZONE 'UTC')::date, o.currency, 1, o.amount
         WHERE o.status = 'completed' AND o.completed_at IS NOT NULL
      $$`);

    for (const { table, event } of TRIGGERS) {
      const parts: string[] = [];
      const tallies = table === 'cases' ? caseTallies : orderTallies;
      if (event !== 'DELETE') parts.push(tallies('new_rows', 1));
      if (event !== 'INSERT') parts.push(tallies('old_rows', -1));
      const upsert = (table === 'cases' ? caseUpsert : orderUpsert)(parts.join(' UNION ALL '));
      const name = `${table}_supplier_rollup_${event.toLowerCase()}`;
      await q.query(`
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER ${pinned} AS $$
        BEGIN
          ${upsert};
          RETURN NULL;
        END $$`);
      await q.query(`REVOKE EXECUTE ON FUNCTION ${name}() FROM PUBLIC`);
      const transition = [event !== 'DELETE' && 'NEW TABLE AS new_rows', event !== 'INSERT' && 'OLD TABLE AS old_rows'].filter(Boolean).join(' ');
      await q.query(`CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${transition}
        FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`);
    }

    // From the data as it is: the triggers above lock both tables against writes until this transaction commits.
    await q.query(caseUpsert(caseTallies('cases', 1)));
    await q.query(orderUpsert(orderTallies('orders', 1)));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, event } of TRIGGERS) {
      const name = `${table}_supplier_rollup_${event.toLowerCase()}`;
      await q.query(`DROP TRIGGER ${name} ON ${table}`);
      await q.query(`DROP FUNCTION ${name}()`);
    }
    await q.query(`DROP FUNCTION supplier_order_tally(orders)`);
    await q.query(`DROP TYPE supplier_order_tally`);
    await q.query(`DROP FUNCTION supplier_case_tally(cases)`);
    await q.query(`DROP TYPE supplier_case_tally`);
    await q.query(`DROP TABLE supplier_order_days`);
    await q.query(`DROP TABLE supplier_case_days`);
    await q.query(`DROP INDEX cases_supplier_response_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN response_bucket, DROP COLUMN response_seconds`);
  }
}
