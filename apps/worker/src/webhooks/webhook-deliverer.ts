import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/config';
import { nextWebhookAttempt, resolveWebhookTarget, WebhookTarget } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { resolveHost } from './resolve-host';
import { webhookSignature } from './webhook-signature';
import { postToTarget, WebhookAnswer } from './webhook-transport';

const TIMEOUT_MS = 5000;

interface DeliveryRow {
  status: 'pending' | 'delivered' | 'failed';
  round_started_at: Date;
  round_attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  deleted_at: Date | null;
  payload: Record<string, unknown>;
}

export type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'unchanged';

/**
 * POSTs one event to one webhook, signed (API.md), with `X-Event-Id` stable across retries so receivers can
 * deduplicate. Every attempt is recorded on the delivery row. A non-2xx answer, a timeout or a target that no longer
 * resolves to public addresses schedules the next attempt in the row (libs/domain nextWebhookAttempt: backoff for
 * three days from the start of the round, then `failed`); the dispatcher hands it to a job when it is due. Only an
 * error of our own (the database) fails the job.
 */
@Injectable()
export class WebhookDeliverer {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(deliveryId: string): Promise<DeliveryOutcome> {
    const [row]: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.status, d.round_started_at, d.round_attempts, w.url, w.secret, w.previous_secret, w.previous_secret_expires_at,
              w.deleted_at, o.payload
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN outbox o ON o.id = d.event_id
       WHERE d.id = $1`,
      [deliveryId],
    );
    if (row?.status !== 'pending') return 'unchanged';
    if (row.deleted_at) {
      await this.record(deliveryId, row, 'failed', { statusCode: null, error: 'the webhook was deleted' }, null);
      return 'failed';
    }
    const answer = await this.post(row);
    if (answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300) {
      await this.record(deliveryId, row, 'delivered', answer, null);
      return 'delivered';
    }
    const next = nextWebhookAttempt({ startedAt: row.round_started_at, failedAttempts: row.round_attempts + 1 }, this.clock.now());
    await this.record(deliveryId, row, next ? 'pending' : 'failed', answer, next);
    return next ? 'retrying' : 'failed';
  }

  /** The URL is resolved and checked again now (it was at registration): what it reaches may have changed since. */
  private async post(row: DeliveryRow): Promise<WebhookAnswer> {
    let target: WebhookTarget;
    try {
      target = await resolveWebhookTarget(row.url, resolveHost, this.config.webhooks.allowPrivateTargets);
    } catch (error) {
      return { statusCode: null, error: `not sent: ${(error as Error).message}` };
    }
    const now = this.clock.now();
    // For a day after a rotation the old secret signs too, so receivers can switch when they are ready.
    const rotating = row.previous_secret !== null && row.previous_secret_expires_at !== null && row.previous_secret_expires_at > now;
    const body = JSON.stringify(row.payload);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Arbiter-Webhooks/1',
      'x-event-id': String(row.payload.id),
      'x-signature': webhookSignature(rotating ? [row.previous_secret!, row.secret] : [row.secret], body, now),
    };
    return postToTarget(target, headers, body, TIMEOUT_MS);
  }

  /**
   * Counts the attempt and what came of it. An admin may have started a new round (a redelivery) while this attempt
   * was on its way: then the attempt is counted, and a success still delivers, but a failure leaves the new round's
   * schedule alone.
   */
  private async record(deliveryId: string, row: DeliveryRow, status: DeliveryRow['status'], answer: WebhookAnswer, nextAttemptAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, last_status_code = $3, last_error = $4,
           status = CASE WHEN $2 = 'delivered' OR d.round_started_at = $6 THEN $2 ELSE d.status END,
           delivered_at = CASE WHEN $2 = 'delivered' THEN $5::timestamptz ELSE d.delivered_at END,
           round_attempts = CASE WHEN d.round_started_at = $6 THEN d.round_attempts + 1 ELSE d.round_attempts END,
           next_attempt_at = CASE WHEN d.round_started_at = $6 THEN coalesce($7::timestamptz, d.next_attempt_at) ELSE d.next_attempt_at END,
           leased_until = CASE WHEN d.round_started_at = $6 THEN NULL ELSE d.leased_until END
       WHERE d.id = $1 AND d.status = 'pending'`,
      [deliveryId, status, answer.statusCode, answer.error, this.clock.now(), row.round_started_at, nextAttemptAt],
    );
  }
}
