import { Principal } from '@app/auth';
import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { PeriodRequest, supplierFigures, SupplierPeriodFigures } from '@app/database';
import { calendarPeriodBefore, DomainError, eligibility, StandingCounts, standingRates } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodMetricsView, SupplierMetricsView } from './supplier-metrics.view';
import { SupplierStandingView, SupplierStorefrontView } from './supplier-standing.view';

const DAY_MS = 86_400_000;
const TWELVE_MONTHS = 'P12M';

/** Who may see a supplier's standing (API.md): the supplier itself and the platform's people. Others get 404. */
const STANDING_ROLES: ReadonlySet<string> = new Set(['platform', 'admin', 'specialist', 'reviewer']);

/*
 * Supplier figures (DOMAIN.md "Supplier responsiveness" and "Supplier standing"), all over periods [from, now] on the
 * injected clock, all read from the rollup the database keeps per supplier and day (supplierFigures), so a supplier
 * with 50,000 cases costs what one with five does. An unknown supplier has no rows: zeros, not 404 (a new supplier's
 * storefront shows zeros).
 *
 * Metrics, per period (30 days, 12 calendar months):
 * - disputes: cases opened against the supplier in the period; respondedInTime: of those, first answered within the
 *   response deadline of the policy each was opened under (a case still in its window without an answer is not, yet);
 *   responseRate: respondedInTime / disputes (4 decimals), 0 without disputes;
 * - medianFirstResponseHours: the median time to the first answer over the period's answered cases, as
 *   percentile_cont(0.5) has it (2 decimals), null when none was answered;
 * - outcomes: the period's resolved cases: agreed; buyerFavoured (the supplier's silence, or a decision or appeal
 *   refunding the whole claim); supplierFavoured (nothing refunded); partial;
 * - completedOrders / completedValue: orders completed in the period, the value per currency.
 *
 * Standing (eligibilityPeriod) and storefront: the rates of libs/domain standingRates, where a dispute still awaiting
 * its first answer counts neither way in the response rate.
 */
@Injectable()
export class SuppliersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async metrics(supplierId: string): Promise<SupplierMetricsView> {
    const now = this.clock.now();
    const from30Days = new Date(now.getTime() - 30 * DAY_MS);
    const from12Months = calendarPeriodBefore(now, TWELVE_MONTHS);
    const [recent, year] = await this.figures(supplierId, now, [
      { from: from30Days, median: true },
      { from: from12Months, median: true },
    ]);
    return { supplierId, last30Days: periodMetrics(recent, from30Days, now), last12Months: periodMetrics(year, from12Months, now) };
  }

  async standing(user: Principal, supplierId: string): Promise<SupplierStandingView> {
    const mayRead = STANDING_ROLES.has(user.role) || (user.role === 'supplier' && user.id === supplierId);
    if (!mayRead) throw new DomainError('not_found', 'No such supplier standing');
    const now = this.clock.now();
    const from = calendarPeriodBefore(now, this.config.eligibility.period);
    const [period] = await this.figures(supplierId, now, [{ from }]);
    const counts = standingCounts(period);
    const rates = standingRates(counts);
    const { eligible, reasons } = eligibility(counts, this.config.eligibility);
    const { minOrders, maxDisputeRate, maxLostRate, minResponseRate } = this.config.eligibility;
    return {
      supplierId,
      period: { from: from.toISOString(), to: now.toISOString() },
      eligible,
      reasons,
      figures: {
        completedOrders: period.completedOrders,
        completedValue: period.completedValue,
        disputes: period.disputes,
        awaitingResponse: period.awaitingResponse,
        disputeRate: round(rates.disputeRate, 4),
        lostRate: round(rates.lostRate, 4),
        responseRate: round(rates.responseRate, 4),
      },
      thresholds: { minOrders, maxDisputeRate, maxLostRate, minResponseRate, period: this.config.eligibility.period },
    };
  }

  /** Any signed-in user: what buyers see of a supplier. Eligibility over eligibilityPeriod, the rest over 12 months. */
  async storefront(supplierId: string): Promise<SupplierStorefrontView> {
    const now = this.clock.now();
    const [standing, year] = await this.figures(supplierId, now, [
      { from: calendarPeriodBefore(now, this.config.eligibility.period) },
      { from: calendarPeriodBefore(now, TWELVE_MONTHS), median: true },
    ]);
    return {
      supplierId,
      tradeAssurance: { eligible: eligibility(standingCounts(standing), this.config.eligibility).eligible, evaluatedAt: now.toISOString() },
      last12Months: { transactions: year.completedOrders, value: year.completedValue },
      responseRate: round(standingRates(standingCounts(year)).responseRate, 4),
      medianFirstResponseHours: hours(year.medianResponseSeconds),
    };
  }

  private figures(supplierId: string, now: Date, periods: PeriodRequest[]): Promise<SupplierPeriodFigures[]> {
    return supplierFigures(this.dataSource, supplierId, periods, now);
  }
}

function periodMetrics(f: SupplierPeriodFigures, from: Date, to: Date): PeriodMetricsView {
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    disputes: f.disputes,
    respondedInTime: f.respondedInTime,
    responseRate: f.disputes ? round(f.respondedInTime / f.disputes, 4) : 0,
    medianFirstResponseHours: hours(f.medianResponseSeconds),
    outcomes: { agreed: f.agreed, buyerFavoured: f.buyerFavoured, supplierFavoured: f.supplierFavoured, partial: f.partial },
    completedOrders: f.completedOrders,
    completedValue: f.completedValue,
  };
}

/** DOMAIN.md's lost disputes: resolved for the buyer by decision, appeal or silence. */
function standingCounts(f: SupplierPeriodFigures): StandingCounts {
  return {
    completedOrders: f.completedOrders,
    disputes: f.disputes,
    lost: f.buyerFavoured,
    respondedInTime: f.respondedInTime,
    awaitingResponse: f.awaitingResponse,
  };
}

const hours = (seconds: number | null): number | null => (seconds === null ? null : round(seconds / 3600, 2));

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
