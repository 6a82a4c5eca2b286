import type { RefundStatus } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../columns';

export type { RefundStatus };

/** Exactly one per resolved case with a refund (unique case_id); sent with a key derived from the case and decision. */
@Entity('refunds')
export class RefundEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('bigint', { transformer: bigintToNumber }) amount: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('text', { name: 'payment_method' }) paymentMethod: string;
  @Column('text') status: RefundStatus;
  @Column('text', { name: 'idempotency_key' }) idempotencyKey: string;
  @Column('int') attempts: number;
  @Column('text', { name: 'gateway_reference', nullable: true }) gatewayReference: string | null;
  @Column('timestamptz', { name: 'expected_arrival_at', nullable: true }) expectedArrivalAt: Date | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { name: 'succeeded_at', nullable: true }) succeededAt: Date | null;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason: string | null;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
