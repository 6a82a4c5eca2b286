import type { RefundStatus } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../columns';

export type { RefundStatus };

/**
 * How a refund failed, which decides how it is sent again (migration RefundAttempts1763800000201): `definite`
 * (refused, or reported failed: nothing is paid under its key, the next attempt takes a new one) or `unknown`
 * (no definite answer: the gateway may hold a refund under the key, so it is looked up before anything is sent).
 */
export type RefundFailureKind = 'definite' | 'unknown';

/**
 * Exactly one per resolved case with a refund (unique case_id). Its first attempt is sent with a key derived from
 * the case and decision, each later one with a key derived from the case and the attempt number.
 */
@Entity('refunds')
export class RefundEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('bigint', { transformer: bigintToNumber }) amount: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('text', { name: 'payment_method' }) paymentMethod: string;
  @Column('text') status: RefundStatus;
  /** The current attempt's key (see refundAttemptKey). */
  @Column('text', { name: 'idempotency_key' }) idempotencyKey: string;
  /** Tries of the send job, over all attempts (API.md's `attempts`). */
  @Column('int') attempts: number;
  /** Which attempt the refund is on: 1, plus one for every definite failure an admin sent again. */
  @Column('int', { name: 'payout_attempt' }) payoutAttempt: number;
  @Column('text', { name: 'failure_kind', nullable: true }) failureKind: RefundFailureKind | null;
  @Column('text', { name: 'gateway_reference', nullable: true }) gatewayReference: string | null;
  @Column('timestamptz', { name: 'expected_arrival_at', nullable: true }) expectedArrivalAt: Date | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { name: 'succeeded_at', nullable: true }) succeededAt: Date | null;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason: string | null;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
