import type { DeadlineKind } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** PostgreSQL is the truth for deadlines; a BullMQ delayed job is only the alarm clock. */
@Entity('case_deadlines')
export class CaseDeadlineEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('text') kind: DeadlineKind;
  @Column('text') party: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
