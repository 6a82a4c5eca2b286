import { STANDING_REASONS } from '@app/domain';
import { ArrayProp, BoolProp, DateTimeProp, IntProp, MoneyDto, NumberProp, ObjectProp, StringArrayProp, StringProp, UuidProp } from '@app/http';

export class StandingPeriodView {
  @DateTimeProp({ description: 'start of the period (inclusive): `eligibilityPeriod` calendar months before `to`' }) from: string;
  @DateTimeProp({ description: 'end of the period (inclusive): now' }) to: string;
}

export class StandingFiguresView {
  @IntProp({ minimum: 0, description: 'orders completed in the period' }) completedOrders: number;
  @ArrayProp(() => MoneyDto, { description: 'their total value, one entry per currency' }) completedValue: MoneyDto[];
  @IntProp({ minimum: 0, description: 'cases opened against the supplier in the period' }) disputes: number;
  @IntProp({ minimum: 0, description: 'of those, still open and not answered yet: left out of responseRate (the supplier may still answer in time)' })
  awaitingResponse: number;
  @NumberProp({ minimum: 0, maximum: 1, example: 0.0417, description: 'disputes / completedOrders, at most 1; 0 with no disputes (4 decimals)' })
  disputeRate: number;
  @NumberProp({ minimum: 0, maximum: 1, example: 0.1, description: 'disputes resolved for the buyer by decision, appeal or silence / disputes; 0 with no disputes' })
  lostRate: number;
  @NumberProp({
    minimum: 0,
    maximum: 1,
    example: 0.9,
    description: 'disputes answered within their response deadline / disputes whose answer was due; 1 with none',
  })
  responseRate: number;
}

export class EligibilityThresholdsView {
  @IntProp({ minimum: 0, description: 'policy eligibilityMinOrders' }) minOrders: number;
  @NumberProp({ minimum: 0, maximum: 1, description: 'policy eligibilityMaxDisputeRate' }) maxDisputeRate: number;
  @NumberProp({ minimum: 0, maximum: 1, description: 'policy eligibilityMaxLostRate' }) maxLostRate: number;
  @NumberProp({ minimum: 0, maximum: 1, description: 'policy eligibilityMinResponseRate' }) minResponseRate: number;
  @StringProp({ example: 'P6M', description: 'policy eligibilityPeriod: calendar months back from now' }) period: string;
}

/** DOMAIN.md "Supplier standing": Trade Assurance eligibility as of now. */
export class SupplierStandingView {
  @UuidProp() supplierId: string;
  @ObjectProp(() => StandingPeriodView) period: StandingPeriodView;
  @BoolProp({ description: 'passes every rule' }) eligible: boolean;
  @StringArrayProp({ enum: STANDING_REASONS, description: 'each rule it fails; empty when eligible' }) reasons: string[];
  @ObjectProp(() => StandingFiguresView) figures: StandingFiguresView;
  @ObjectProp(() => EligibilityThresholdsView, { description: 'the rules it was measured against' }) thresholds: EligibilityThresholdsView;
}

export class StorefrontTradeAssuranceView {
  @BoolProp({ description: 'eligible for Trade Assurance (see the standing)' }) eligible: boolean;
  @DateTimeProp({ description: 'when that was evaluated: now' }) evaluatedAt: string;
}

export class StorefrontTradeView {
  @IntProp({ minimum: 0, description: 'orders completed in the last 12 months' }) transactions: number;
  @ArrayProp(() => MoneyDto, { description: 'their total value, one entry per currency' }) value: MoneyDto[];
}

/** What a supplier's storefront shows buyers. */
export class SupplierStorefrontView {
  @UuidProp() supplierId: string;
  @ObjectProp(() => StorefrontTradeAssuranceView) tradeAssurance: StorefrontTradeAssuranceView;
  @ObjectProp(() => StorefrontTradeView) last12Months: StorefrontTradeView;
  @NumberProp({
    minimum: 0,
    maximum: 1,
    example: 0.95,
    description: 'over the last 12 months: disputes answered within their response deadline / disputes whose answer was due; 1 with none (4 decimals)',
  })
  responseRate: number;
  @NumberProp({ nullable: true, minimum: 0, example: 5.25, description: 'over the last 12 months: median hours to the first answer, 2 decimals; null when none' })
  medianFirstResponseHours: number | null;
}
