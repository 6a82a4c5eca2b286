import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { LedgerKind } from './ledger-entry.entity';

/**
 * A ledger transaction header. `uniqueKey` (e.g. `funding:<orderId>`, `payout:<caseId>`)
 * is unique, so the same movement of money can never be posted twice.
 */
@Entity('ledger_transactions')
export class LedgerTransactionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'unique_key', unique: true }) uniqueKey: string;
  @Column('text') kind: LedgerKind;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
