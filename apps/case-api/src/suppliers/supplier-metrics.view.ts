import { ArrayProp, DateTimeProp, IntProp, MoneyDto, NumberProp, ObjectProp, UuidProp } from '@app/http';

export class OutcomeCountsView {
  @IntProp({ minimum: 0, description: 'resolved by agreement between the parties' }) agreed: number;
  @IntProp({ minimum: 0, description: 'decided with the full claim refunded, or the supplier never answered' }) buyerFavoured: number;
  @IntProp({ minimum: 0, description: 'decided with nothing refunded' }) supplierFavoured: number;
  @IntProp({ minimum: 0, description: 'decided with part of the claim refunded' }) partial: number;
}

export class PeriodMetricsView {
  @DateTimeProp({ description: 'start of the period (inclusive)' }) from: string;
  @DateTimeProp({ description: 'end of the period (inclusive): now' }) to: string;
  @IntProp({ minimum: 0, description: 'cases opened against the supplier in the period' }) disputes: number;
  @IntProp({ minimum: 0, description: 'of those, first answered within the response deadline of their policy' }) respondedInTime: number;
  @NumberProp({ minimum: 0, maximum: 1, example: 0.8333, description: 'respondedInTime / disputes, 4 decimals; 0 when no disputes' })
  responseRate: number;
  @NumberProp({ nullable: true, minimum: 0, example: 5.25, description: 'median hours to the first answer, 2 decimals; null when none' })
  medianFirstResponseHours: number | null;
  @ObjectProp(() => OutcomeCountsView, { description: 'of the cases opened in the period that are resolved' }) outcomes: OutcomeCountsView;
  @IntProp({ minimum: 0, description: 'orders completed in the period' }) completedOrders: number;
  @ArrayProp(() => MoneyDto, { description: 'their total value, one entry per currency' }) completedValue: MoneyDto[];
}

export class SupplierMetricsView {
  @UuidProp() supplierId: string;
  @ObjectProp(() => PeriodMetricsView) last30Days: PeriodMetricsView;
  @ObjectProp(() => PeriodMetricsView) last12Months: PeriodMetricsView;
}
