import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where a user's reminders go by e-mail, as the platform registered it (API.md `PUT /v1/contacts/:userId`). */
@Entity('contacts')
export class ContactEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('text') email: string;
  @Column('text', { nullable: true }) name: string | null;
  @Column('text', { nullable: true }) locale: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
}
