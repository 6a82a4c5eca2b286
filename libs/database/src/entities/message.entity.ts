import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('messages')
export class MessageEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('uuid', { name: 'author_id' }) authorId: string;
  @Column('text', { name: 'author_role' }) authorRole: string;
  @Column('text') body: string;
  @Column('uuid', { name: 'evidence_ids', array: true }) evidenceIds: string[];
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
}
