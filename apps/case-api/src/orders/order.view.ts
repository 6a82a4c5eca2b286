import { DISPUTE_REASONS, escrowBalances, LEDGER_KINDS, LedgerEntry, ORDER_STATUSES, PAYMENT_METHODS } from '@app/domain';
import { LedgerEntryEntity, OrderEntity } from '@app/database';
import { ArrayProp, BoolProp, DateTimeProp, EnumProp, IntProp, MoneyDto, MoneyProp, ObjectProp, PageOf, StringArrayProp, StringProp, UuidProp } from '@app/http';

export class EscrowView {
  @MoneyProp({ description: 'still in escrow' }) held: MoneyDto;
  @MoneyProp({ description: 'released to the supplier (service fees included)' }) released: MoneyDto;
  @MoneyProp({ description: 'refunded to the buyer out of escrow' }) refunded: MoneyDto;
}

export class OrderItemView {
  @StringProp() description: string;
  @IntProp({ minimum: 1 }) quantity: number;
  @MoneyProp() unitPrice: MoneyDto;
}

export class CoverageView {
  @StringArrayProp({ enum: DISPUTE_REASONS, description: 'the reasons a dispute may be opened for now; empty while a case is open' })
  reasons: string[];
}

export class OrderView {
  @UuidProp() id: string;
  @UuidProp() buyerId: string;
  @UuidProp() supplierId: string;
  @MoneyProp() amount: MoneyDto;
  @EnumProp(PAYMENT_METHODS) paymentMethod: string;
  @DateTimeProp() shipBy: string;
  @BoolProp({ description: 'the supplier is a Trade Assurance member' }) tradeAssurance: boolean;
  @BoolProp({ description: 'customised goods are not covered' }) customized: boolean;
  @ArrayProp(() => OrderItemView) items: OrderItemView[];
  @StringProp({ nullable: true, description: "the marketplace's own reference" }) externalRef: string | null;
  @EnumProp(ORDER_STATUSES) status: string;
  @DateTimeProp({ nullable: true }) paidAt: string | null;
  @DateTimeProp({ nullable: true }) shippedAt: string | null;
  @DateTimeProp({ nullable: true }) deliveredAt: string | null;
  @DateTimeProp({ nullable: true }) receiptConfirmedAt: string | null;
  @DateTimeProp({ nullable: true }) completedAt: string | null;
  @ObjectProp(() => EscrowView) escrow: EscrowView;
  @ObjectProp(() => CoverageView) coverage: CoverageView;
  @UuidProp({ nullable: true, description: 'the case open on the order, if any' }) openCaseId: string | null;
  @DateTimeProp() createdAt: string;
  @DateTimeProp() updatedAt: string;
}

export class OrderPageView extends PageOf(() => OrderView) {}

/** A ledger amount: like Money, but negative out of an account. */
export class SignedMoneyView {
  @IntProp({ description: 'integer minor units, negative out of the account' }) amount: number;
  @StringProp({ example: 'USD' }) currency: string;
}

export class LedgerEntryView {
  @UuidProp() id: string;
  @UuidProp() transactionId: string;
  @StringProp({ example: 'escrow:6f1c…', description: 'buyer_funding, escrow:<order>, supplier:<supplier>, refund_payable:<case>, gateway_clearing, platform_fees' })
  account: string;
  @ObjectProp(() => SignedMoneyView, { description: 'signed: positive into the account' }) amount: SignedMoneyView;
  @EnumProp(LEDGER_KINDS) kind: string;
  @DateTimeProp() createdAt: string;
}

export class OrderLedgerView {
  @ArrayProp(() => LedgerEntryView) data: LedgerEntryView[];
  @ObjectProp(() => EscrowView) balances: EscrowView;
}

/** What the cases on the order say about disputes: see OrdersService. */
export interface OrderCoverage {
  reasons: string[];
  openCaseId: string | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function escrowView(order: OrderEntity, entries: LedgerEntryEntity[]): EscrowView {
  const balances = escrowBalances(entries as LedgerEntry[]);
  const money = (amount: number) => ({ amount, currency: order.currency });
  return { held: money(balances.held), released: money(balances.released), refunded: money(balances.refunded) };
}

export function toOrderView(order: OrderEntity, entries: LedgerEntryEntity[], coverage: OrderCoverage): OrderView {
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
    coverage: { reasons: coverage.reasons },
    openCaseId: coverage.openCaseId,
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
