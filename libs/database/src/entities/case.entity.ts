import type { Appeal, AppealDecision, CaseStatus, Decision, Offer, OutcomeKind, Policy } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../columns';

/** A dispute. Indexes and constraints live in the `Cases` migration. */
@Entity('cases')
export class CaseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'buyer_id' }) buyerId: string;
  @Column('uuid', { name: 'supplier_id' }) supplierId: string;
  @Column('text') reason: string;
  @Column('text') description: string;
  @Column('text') status: CaseStatus;
  @Column('bigint', { name: 'claim_amount', transformer: bigintToNumber }) claimAmount: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('bigint', { name: 'order_amount', transformer: bigintToNumber }) orderAmount: number;
  @Column('jsonb', { name: 'latest_offer', nullable: true }) latestOffer: (Omit<Offer, 'at'> & { at: string; note?: string }) | null;
  @Column('text', { nullable: true }) rebuttal: string | null;
  @Column('uuid', { name: 'specialist_id', nullable: true }) specialistId: string | null;
  @Column('uuid', { name: 'reviewer_id', nullable: true }) reviewerId: string | null;
  @Column('jsonb', { nullable: true }) decision: (Omit<Decision, 'decidedAt'> & { decidedAt: string }) | null;
  @Column('jsonb', { default: () => "'[]'" }) appeals: Array<Omit<Appeal, 'at'> & { at: string }>;
  @Column('jsonb', { name: 'appeal_decision', nullable: true }) appealDecision: (Omit<AppealDecision, 'decidedAt'> & { decidedAt: string }) | null;
  @Column('text', { name: 'outcome_kind', nullable: true }) outcomeKind: OutcomeKind | null;
  @Column('bigint', { name: 'refund_amount', nullable: true, transformer: bigintToNumber }) refundAmount: number | null;
  @Column('boolean') overdue: boolean;
  @Column('jsonb') policy: Policy;
  @Column('timestamptz', { name: 'first_response_at', nullable: true }) firstResponseAt: Date | null;
  @Column('int') version: number;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('timestamptz', { name: 'escalated_at', nullable: true }) escalatedAt: Date | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}
