import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintToNumber } from '../columns';

export type OrderStatus = 'awaiting_payment' | 'in_escrow' | 'shipped' | 'delivered' | 'completed';

export interface OrderItem {
  description: string;
  quantity: number;
  unitPrice: { amount: number; currency: string };
}

@Entity('orders')
@Index('orders_buyer_idx', ['buyerId', 'createdAt'])
@Index('orders_supplier_idx', ['supplierId', 'createdAt'])
export class OrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'buyer_id' }) buyerId: string;
  @Column('uuid', { name: 'supplier_id' }) supplierId: string;
  @Column('bigint', { transformer: bigintToNumber }) amount: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('text', { name: 'payment_method' }) paymentMethod: string;
  @Column('timestamptz', { name: 'ship_by' }) shipBy: Date;
  @Column('boolean', { name: 'trade_assurance' }) tradeAssurance: boolean;
  @Column('boolean') customized: boolean;
  @Column('jsonb', { default: () => "'[]'" }) items: OrderItem[];
  @Column('text', { name: 'external_ref', nullable: true }) externalRef: string | null;
  @Column('text') status: OrderStatus;
  @Column('text', { name: 'payment_reference', nullable: true }) paymentReference: string | null;
  @Column('text', { nullable: true }) carrier: string | null;
  @Column('text', { name: 'tracking_number', nullable: true }) trackingNumber: string | null;
  @Column('timestamptz', { name: 'paid_at', nullable: true }) paidAt: Date | null;
  @Column('timestamptz', { name: 'shipped_at', nullable: true }) shippedAt: Date | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column('timestamptz', { name: 'receipt_confirmed_at', nullable: true }) receiptConfirmedAt: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  /** Basis points of every release to the supplier that go to the platform: the policy's when the order was created. */
  @Column('int', { name: 'service_fee_bps', default: 0 }) serviceFeeBps: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
