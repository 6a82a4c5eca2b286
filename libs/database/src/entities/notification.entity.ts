import type { DeadlineKind } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An in-app reminder for one recipient; the `Reminders` migration holds its table and constraints. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'recipient_id' }) recipientId: string;
  @Column('uuid', { name: 'reminder_id' }) reminderId: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  /** The kind of the deadline it reminds of. */
  @Column('text') kind: DeadlineKind;
  @Column('text', { name: 'deadline_party' }) deadlineParty: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('text') text: string;
  @Column('text') link: string;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'read_at', precision: 3, nullable: true }) readAt: Date | null;
}
