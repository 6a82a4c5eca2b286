import type { LedgerKind } from '@app/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '../columns';

export type { LedgerKind };

/** One posting of a balanced transaction. Append-only: a trigger refuses UPDATE and DELETE. */
@Entity('ledger_entries')
@Index('ledger_entries_order_idx', ['orderId', 'seq'])
@Index('ledger_entries_account_idx', ['account'])
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Insertion order: postings of one transaction share a timestamp. */
  @Column({ type: 'bigint', transformer: bigintToNumber, insert: false, update: false }) seq: number;
  @Column('uuid', { name: 'transaction_id' }) transactionId: string;
  @Column('text') account: string;
  @Column('bigint', { transformer: bigintToNumber }) amount: number;
  @Column('char', { length: 3 }) currency: string;
  @Column('text') kind: LedgerKind;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
