import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/config';
import { resolveWebhookTarget, WebhookTarget } from '@app/domain';
import { JOBS, retryDelayMs } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { resolveHost } from './resolve-host';
import { webhookSignature } from './webhook-signature';
import { postToTarget, WebhookAnswer } from './webhook-transport';

const TIMEOUT_MS = 5000;

interface DeliveryRow {
  status: 'pending' | 'delivered' | 'failed';
  url: string;
  secret: string;
  deleted_at: Date | null;
  payload: Record<string, unknown>;
}

export class WebhookRejectedError extends Error {
  override readonly name = 'WebhookRejectedError';
}

/**
 * POSTs one event to one webhook, signed (API.md), with `X-Event-Id` stable across retries so receivers can
 * deduplicate. Every attempt is recorded on the delivery row; a non-2xx answer, a timeout or a target that no
 * longer resolves to public addresses throws, to be retried with the backoff of JOB_OPTIONS, and the final
 * failure leaves the delivery `failed`.
 */
@Injectable()
export class WebhookDeliverer {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(deliveryId: string, attempt: { made: number; final: boolean }): Promise<'delivered' | 'failed' | 'unchanged'> {
    const [row]: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.status, w.url, w.secret, w.deleted_at, o.payload
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN outbox o ON o.id = d.event_id
       WHERE d.id = $1`,
      [deliveryId],
    );
    if (row?.status !== 'pending') return 'unchanged';
    if (row.deleted_at) {
      await this.record(deliveryId, 'failed', { statusCode: null, error: 'the webhook was deleted' }, null);
      return 'failed';
    }
    const answer = await this.post(row);
    const ok = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
    if (ok) {
      await this.record(deliveryId, 'delivered', answer, null);
      return 'delivered';
    }
    if (attempt.final) {
      await this.record(deliveryId, 'failed', answer, null);
      return 'failed';
    }
    await this.record(deliveryId, 'pending', answer, retryDelayMs(JOBS.webhookDeliver, attempt.made + 1));
    throw new WebhookRejectedError(`webhook answered ${answer.statusCode ?? answer.error}`);
  }

  /** The URL is resolved and checked again now (it was at registration): what it reaches may have changed since. */
  private async post(row: DeliveryRow): Promise<WebhookAnswer> {
    let target: WebhookTarget;
    try {
      target = await resolveWebhookTarget(row.url, resolveHost, this.config.webhooks.allowPrivateTargets);
    } catch (error) {
      return { statusCode: null, error: `not sent: ${(error as Error).message}` };
    }
    const body = JSON.stringify(row.payload);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Arbiter-Webhooks/1',
      'x-event-id': String(row.payload.id),
      'x-signature': webhookSignature(row.secret, body, this.clock.now()),
    };
    return postToTarget(target, headers, body, TIMEOUT_MS);
  }

  private async record(
    deliveryId: string,
    status: DeliveryRow['status'],
    answer: WebhookAnswer,
    retryInMs: number | null,
  ): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE webhook_deliveries
       SET status = $2, attempts = attempts + 1, last_status_code = $3, last_error = $4,
           delivered_at = CASE WHEN $2 = 'delivered' THEN $5::timestamptz END,
           next_attempt_at = COALESCE($6::timestamptz, next_attempt_at)
       WHERE id = $1 AND status = 'pending'`,
      [deliveryId, status, answer.statusCode, answer.error, now, retryInMs === null ? null : new Date(now.getTime() + retryInMs)],
    );
  }
}
