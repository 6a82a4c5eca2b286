import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../columns';

/** One step of a case's timeline; the same event (same id) is in the outbox for webhooks. */
@Entity('case_events')
export class CaseEventEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column({ type: 'bigint', transformer: bigintToNumber, insert: false, update: false }) seq: number;
  @Column('text') type: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole: string | null;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('timestamptz') at: Date;
}
