import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A receiver of case events (API.md "Suppliers, webhooks, operations"). Deleting one only sets
 * `deleted_at`: `webhook_deliveries` references it. The table lives in the `Cases` migration.
 */
@Entity('webhooks')
export class WebhookEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') url: string;
  /** Event types (`CASE_EVENT_TYPES`), or exactly `['*']` for every event. */
  @Column('text', { array: true }) events: string[];
  /** HMAC-SHA256 key for the `X-Signature` header; shown to the caller only when the webhook is created. */
  @Column('text') secret: string;
  /** After a rotation: the secret before it, which also signs deliveries until `previousSecretExpiresAt`. */
  @Column('text', { name: 'previous_secret', nullable: true }) previousSecret: string | null;
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt: Date | null;
}
