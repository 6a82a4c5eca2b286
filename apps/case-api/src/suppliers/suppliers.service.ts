import { Clock, CLOCK } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodMetricsView, SupplierMetricsView } from './supplier-metrics.view';

type Period = 'last30Days' | 'last12Months';

interface CaseRow {
  period: Period;
  disputes: number;
  respondedInTime: number;
  medianSeconds: number | null;
  agreed: number;
  buyerFavoured: number;
  supplierFavoured: number;
  partial: number;
}

interface OrderRow {
  period: Period;
  currency: string;
  orders: number;
  value: string;
}

/*
 * Supplier responsiveness (DOMAIN.md), per period [from, now] where now is the injected clock and from is
 * 30 days (last30Days) or 12 calendar months, UTC (last12Months) earlier:
 *
 * - disputes: cases opened against the supplier in the period (cases.created_at in the period).
 * - respondedInTime: of those, cases whose first_response_at ≤ created_at + policy.supplierResponse, the
 *   ISO 8601 duration the case was opened under (PostgreSQL casts 'P3D' to an interval; compared in epoch
 *   seconds, so a day is 24 h whatever the session time zone, like libs/domain's parseDuration). A case still
 *   inside its response window without an answer counts as a dispute but not (yet) as in time.
 * - responseRate: respondedInTime / disputes, rounded to 4 decimals; 0 when there are no disputes.
 * - medianFirstResponseHours: percentile_cont(0.5) of first_response_at - created_at, in hours (2 decimals),
 *   over the period's cases that have a response; null when none has.
 * - outcomes: the period's cases that are resolved (status 'resolved', outcome_kind set). agreed =
 *   outcome_kind 'agreed'; supplier_unresponsive counts as buyerFavoured; decision and appeal go by the final
 *   refund: refund_amount ≥ claim_amount buyerFavoured, 0 supplierFavoured, anything between partial.
 * - completedOrders / completedValue: orders with status 'completed' and completed_at in the period, the value
 *   summed per currency (a list of Money, sorted by currency).
 *
 * An unknown supplier has no rows: zeros, not 404 (a storefront shows zeros for a new supplier).
 * Two statements, each one index range scan over the 12 months (cases_supplier_idx; orders_supplier_completed_idx),
 * each row counted into both periods by a lateral join.
 */
const CASES_SQL = `
  WITH c AS (
    SELECT created_at >= $3 AS recent,
           extract(epoch FROM first_response_at - created_at) AS response_seconds,
           extract(epoch FROM first_response_at - created_at)
             <= extract(epoch FROM (policy->>'supplierResponse')::interval) AS in_time,
           CASE
             WHEN status <> 'resolved' OR outcome_kind IS NULL THEN NULL
             WHEN outcome_kind = 'agreed' THEN 'agreed'
             WHEN outcome_kind = 'supplier_unresponsive' OR refund_amount >= claim_amount THEN 'buyer'
             WHEN coalesce(refund_amount, 0) = 0 THEN 'supplier'
             ELSE 'partial'
           END AS outcome
      FROM cases
     WHERE supplier_id = $1 AND created_at >= $2 AND created_at <= $4
  )
  SELECT p.period,
         count(*)::int AS disputes,
         count(*) FILTER (WHERE c.in_time)::int AS "respondedInTime",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY c.response_seconds) AS "medianSeconds",
         count(*) FILTER (WHERE c.outcome = 'agreed')::int AS agreed,
         count(*) FILTER (WHERE c.outcome = 'buyer')::int AS "buyerFavoured",
         count(*) FILTER (WHERE c.outcome = 'supplier')::int AS "supplierFavoured",
         count(*) FILTER (WHERE c.outcome = 'partial')::int AS partial
    FROM c
   CROSS JOIN LATERAL (VALUES ('last12Months', true), ('last30Days', c.recent)) AS p (period, inside)
   WHERE p.inside
   GROUP BY p.period`;

const ORDERS_SQL = `
  SELECT p.period, o.currency, count(*)::int AS orders, sum(o.amount)::text AS value
    FROM orders o
   CROSS JOIN LATERAL (VALUES ('last12Months', true), ('last30Days', o.completed_at >= $3)) AS p (period, inside)
   WHERE o.supplier_id = $1 AND o.status = 'completed' AND o.completed_at >= $2 AND o.completed_at <= $4 AND p.inside
   GROUP BY p.period, o.currency
   ORDER BY o.currency`;

const DAY_MS = 86_400_000;

@Injectable()
export class SuppliersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async metrics(supplierId: string): Promise<SupplierMetricsView> {
    const now = this.clock.now();
    const from30Days = new Date(now.getTime() - 30 * DAY_MS);
    const from12Months = new Date(now);
    from12Months.setUTCFullYear(from12Months.getUTCFullYear() - 1);
    const params = [supplierId, from12Months, from30Days, now];
    const [cases, orders] = await Promise.all([
      this.dataSource.query<CaseRow[]>(CASES_SQL, params),
      this.dataSource.query<OrderRow[]>(ORDERS_SQL, params),
    ]);
    const period = (name: Period, from: Date): PeriodMetricsView => {
      const c = cases.find((row) => row.period === name);
      const completed = orders.filter((row) => row.period === name);
      const disputes = c?.disputes ?? 0;
      const respondedInTime = c?.respondedInTime ?? 0;
      const medianSeconds = c?.medianSeconds ?? null;
      return {
        from: from.toISOString(),
        to: now.toISOString(),
        disputes,
        respondedInTime,
        responseRate: disputes ? round(respondedInTime / disputes, 4) : 0,
        medianFirstResponseHours: medianSeconds === null ? null : round(Number(medianSeconds) / 3600, 2),
        outcomes: {
          agreed: c?.agreed ?? 0,
          buyerFavoured: c?.buyerFavoured ?? 0,
          supplierFavoured: c?.supplierFavoured ?? 0,
          partial: c?.partial ?? 0,
        },
        completedOrders: completed.reduce((sum, row) => sum + row.orders, 0),
        completedValue: completed.map((row) => ({ amount: Number(row.value), currency: row.currency })),
      };
    };
    return { supplierId, last30Days: period('last30Days', from30Days), last12Months: period('last12Months', from12Months) };
  }
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
