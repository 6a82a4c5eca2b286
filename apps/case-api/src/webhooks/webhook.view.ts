import { WebhookEntity } from '@app/database';
import { DateTimeProp, PageOf, StringArrayProp, StringProp, UuidProp } from '@app/http';
import { WEBHOOK_EVENT_FILTERS } from './dto/create-webhook.dto';

/** A webhook as listed: the secret is not shown again after creation. */
export class WebhookView {
  @UuidProp() id: string;
  @StringProp({ description: 'where deliveries are POSTed' }) url: string;
  @StringArrayProp({ enum: WEBHOOK_EVENT_FILTERS, description: 'event types, or ["*"] for all' }) events: string[];
  @UuidProp({ description: 'the admin who registered it' }) createdBy: string;
  @DateTimeProp() createdAt: string;
}

/** The answer to `POST /v1/webhooks`: the only time the signing secret is shown. */
export class CreatedWebhookView extends WebhookView {
  @StringProp({ description: 'hex HMAC-SHA256 key for X-Signature; shown only in this answer, so store it now', example: '9f2c…' })
  secret: string;
}

export class WebhookPageView extends PageOf(() => WebhookView) {}

export function toWebhookView(webhook: WebhookEntity): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    createdBy: webhook.createdBy,
    createdAt: webhook.createdAt.toISOString(),
  };
}
