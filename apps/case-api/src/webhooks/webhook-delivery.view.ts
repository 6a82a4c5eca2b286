import { CASE_EVENT_TYPES } from '@app/domain';
import { DateTimeProp, EnumProp, IntProp, PageOf, StringProp, UuidProp } from '@app/http';
import { DELIVERY_STATUSES } from './dto/list-deliveries.dto';

/** One event for one webhook: what was sent, how often, and what the receiver answered last. */
export class WebhookDeliveryView {
  @UuidProp() id: string;
  @UuidProp() webhookId: string;
  @UuidProp({ description: "the Event's id, sent as X-Event-Id on every attempt" }) eventId: string;
  @EnumProp(CASE_EVENT_TYPES) eventType: string;
  @EnumProp(DELIVERY_STATUSES, { description: 'pending (retried with backoff for at least 3 days), delivered, or failed (kept, and may be sent again)' })
  status: string;
  @IntProp({ minimum: 0, description: 'attempts made, redeliveries included' }) attempts: number;
  @IntProp({ nullable: true, description: "the receiver's last HTTP status; null when it gave none (timeout, refused connection)" }) lastStatusCode: number | null;
  @StringProp({ nullable: true, description: 'what went wrong with the last attempt, if anything' }) lastError: string | null;
  @DateTimeProp({ nullable: true, description: 'when the next attempt is due; null unless pending' }) nextAttemptAt: string | null;
  @DateTimeProp() createdAt: string;
  @DateTimeProp({ nullable: true }) deliveredAt: string | null;
}

export class WebhookDeliveryPageView extends PageOf(() => WebhookDeliveryView) {}

/** The answer to a rotation: the new secret, shown only here. */
export class RotatedWebhookSecretView {
  @StringProp({ description: 'hex HMAC-SHA256 key for X-Signature from now on; shown only in this answer, so store it now', example: '9f2c…' })
  secret: string;
  @DateTimeProp({ description: 'until then deliveries carry a signature with the old secret too: X-Signature: t=…,v1=<old>,v1=<new>' })
  previousSecretExpiresAt: string;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  delivered_at: Date | null;
}

export function toDeliveryView(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}
