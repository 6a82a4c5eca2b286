import { escrowBalances, LedgerEntry } from '@app/domain';
import { LedgerEntryEntity, OrderEntity } from '@app/database';
import { MoneyDto } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OrderItemDto } from './dto/create-order.dto';

export class EscrowView {
  @ApiProperty() held: MoneyDto;
  @ApiProperty() released: MoneyDto;
  @ApiProperty() refunded: MoneyDto;
}

export class OrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) buyerId: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() amount: MoneyDto;
  @ApiProperty() paymentMethod: string;
  @ApiProperty({ format: 'date-time' }) shipBy: string;
  @ApiProperty() tradeAssurance: boolean;
  @ApiProperty() customized: boolean;
  @ApiProperty({ type: [OrderItemDto] }) items: OrderItemDto[];
  @ApiPropertyOptional({ nullable: true }) externalRef: string | null;
  @ApiProperty({ enum: ['awaiting_payment', 'in_escrow', 'shipped', 'delivered', 'completed'] }) status: string;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) paidAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) shippedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) deliveredAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) receiptConfirmedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) completedAt: string | null;
  @ApiProperty() escrow: EscrowView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LedgerEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) transactionId: string;
  @ApiProperty({ example: 'escrow:…' }) account: string;
  @ApiProperty({ description: 'signed: positive into the account' }) amount: MoneyDto;
  @ApiProperty({ enum: ['funding', 'release', 'refund', 'recovery', 'payout'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OrderLedgerView {
  @ApiProperty({ type: [LedgerEntryView] }) data: LedgerEntryView[];
  @ApiProperty() balances: EscrowView;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function escrowView(order: OrderEntity, entries: LedgerEntryEntity[]): EscrowView {
  const balances = escrowBalances(entries as LedgerEntry[]);
  const money = (amount: number) => ({ amount, currency: order.currency });
  return { held: money(balances.held), released: money(balances.released), refunded: money(balances.refunded) };
}

export function toOrderView(order: OrderEntity, entries: LedgerEntryEntity[]): OrderView {
  return {
    id: order.id,
    buyerId: order.buyerId,
    supplierId: order.supplierId,
    amount: { amount: order.amount, currency: order.currency },
    paymentMethod: order.paymentMethod,
    shipBy: order.shipBy.toISOString(),
    tradeAssurance: order.tradeAssurance,
    customized: order.customized,
    items: order.items,
    externalRef: order.externalRef,
    status: order.status,
    paidAt: iso(order.paidAt),
    shippedAt: iso(order.shippedAt),
    deliveredAt: iso(order.deliveredAt),
    receiptConfirmedAt: iso(order.receiptConfirmedAt),
    completedAt: iso(order.completedAt),
    escrow: escrowView(order, entries),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function toLedgerView(order: OrderEntity, entries: LedgerEntryEntity[]): OrderLedgerView {
  return {
    data: entries.map((e) => ({
      id: e.id,
      transactionId: e.transactionId,
      account: e.account,
      amount: { amount: e.amount, currency: e.currency },
      kind: e.kind,
      createdAt: e.createdAt.toISOString(),
    })),
    balances: escrowView(order, entries),
  };
}
