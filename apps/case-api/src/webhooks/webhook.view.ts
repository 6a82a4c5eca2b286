import { WebhookEntity } from '@app/database';
import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_FILTERS } from './dto/create-webhook.dto';

/** A webhook as listed: the secret is not shown again after creation. */
export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String], enum: WEBHOOK_EVENT_FILTERS }) events: string[];
  @ApiProperty({ format: 'uuid', description: 'the admin who registered it' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The answer to `POST /v1/webhooks`: the only time the signing secret is shown. */
export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    description: 'hex HMAC-SHA256 key for X-Signature; shown only in this answer, so store it now',
    example: '9f2c…',
  })
  secret: string;
}

export class WebhookPageView {
  @ApiProperty({ type: [WebhookView] }) data: WebhookView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export function toWebhookView(webhook: WebhookEntity): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    createdBy: webhook.createdBy,
    createdAt: webhook.createdAt.toISOString(),
  };
}
