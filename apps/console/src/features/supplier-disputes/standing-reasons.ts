import type { CaseApi } from '@app/api-client';
import { formatPercent } from '../../lib/percent';

export type Standing = CaseApi.SupplierStanding;
type Reason = Standing['reasons'][number];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Each rule of Trade Assurance eligibility (DOMAIN.md "Supplier standing") a supplier can fail, as a sentence with its figure and its limit. */
const SENTENCES: Record<Reason, (s: Standing) => string> = {
  too_few_orders: ({ figures, thresholds }) =>
    `Too few completed orders: ${plural(figures.completedOrders, 'order was', 'orders were')} completed in the period, and at least ${thresholds.minOrders.toLocaleString()} are needed.`,
  dispute_rate: ({ figures, thresholds }) =>
    `Too many disputes: ${formatPercent(figures.disputeRate)} of completed orders were disputed (${plural(figures.disputes, 'dispute', 'disputes')}), and at most ${formatPercent(thresholds.maxDisputeRate)} is allowed.`,
  lost_rate: ({ figures, thresholds }) =>
    `Too many disputes lost: ${formatPercent(figures.lostRate)} were resolved for the buyer by a decision, an appeal or an unanswered claim, and at most ${formatPercent(thresholds.maxLostRate)} is allowed.`,
  response_rate: ({ figures, thresholds }) =>
    `Too few disputes answered in time: ${formatPercent(figures.responseRate)} were answered within the response deadline, and at least ${formatPercent(thresholds.minResponseRate)} is needed.`,
};

/** Why a supplier is not eligible, one sentence per failed rule, in the order the API names them. */
export function standingReasons(standing: Standing): string[] {
  return standing.reasons.map((reason) => SENTENCES[reason](standing));
}
