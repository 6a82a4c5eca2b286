import { MoneyDto } from '@app/http';
import { ApiProperty } from '@nestjs/swagger';

export class OutcomeCountsView {
  @ApiProperty({ type: 'integer', description: 'resolved by agreement between the parties' }) agreed: number;
  @ApiProperty({ type: 'integer', description: 'decided with the full claim refunded, or the supplier never answered' })
  buyerFavoured: number;
  @ApiProperty({ type: 'integer', description: 'decided with nothing refunded' }) supplierFavoured: number;
  @ApiProperty({ type: 'integer', description: 'decided with part of the claim refunded' }) partial: number;
}

export class PeriodMetricsView {
  @ApiProperty({ format: 'date-time', description: 'start of the period (inclusive)' }) from: string;
  @ApiProperty({ format: 'date-time', description: 'end of the period (inclusive): now' }) to: string;
  @ApiProperty({ type: 'integer', description: 'cases opened against the supplier in the period' }) disputes: number;
  @ApiProperty({ type: 'integer', description: 'of those, first answered within the response deadline of their policy' })
  respondedInTime: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.8333, description: 'respondedInTime / disputes, 4 decimals; 0 when no disputes' })
  responseRate: number;
  @ApiProperty({ type: Number, nullable: true, example: 5.25, description: 'median hours to the first answer, 2 decimals; null when none' })
  medianFirstResponseHours: number | null;
  @ApiProperty({ description: 'of the cases opened in the period that are resolved' }) outcomes: OutcomeCountsView;
  @ApiProperty({ type: 'integer', description: 'orders completed in the period' }) completedOrders: number;
  @ApiProperty({ type: [MoneyDto], description: 'their total value, one entry per currency' }) completedValue: MoneyDto[];
}

export class SupplierMetricsView {
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() last30Days: PeriodMetricsView;
  @ApiProperty() last12Months: PeriodMetricsView;
}
