import { Principal } from '@app/auth';
import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { WebhookEntity } from '@app/database';
import { DomainError, resolveWebhookTarget, WEBHOOK_SECRET_OVERLAP_MS } from '@app/domain';
import { decodeCursor, Page, PageQueryDto, toPage } from '@app/http';
import { nudgeWebhookDispatch, QueueBackend } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListDeliveriesQuery } from './dto/list-deliveries.dto';
import { resolveHost } from './resolve-host';
import { DeliveryRow, RotatedWebhookSecretView, toDeliveryView, WebhookDeliveryView } from './webhook-delivery.view';
import { CreatedWebhookView, toWebhookView, WebhookView } from './webhook.view';

const newSecret = () => randomBytes(32).toString('hex');

const DELIVERY_COLUMNS = `d.id, d.webhook_id, d.event_id, o.event_type, d.status, d.attempts, d.last_status_code, d.last_error,
  d.next_attempt_at, d.created_at, d.delivered_at`;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backend: QueueBackend,
  ) {}

  /**
   * Registers a receiver; the signing secret (32 random bytes, hex) is returned here and never again.
   * Its URL must reach public addresses only (checked again at every delivery), unless private targets are allowed.
   */
  async create(user: Principal, dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    if (dto.events.includes('*') && dto.events.length > 1) {
      throw new DomainError('validation_failed', 'events: "*" means every event and must be alone', 'events');
    }
    if (!this.config.webhooks.allowPrivateTargets) await resolveWebhookTarget(dto.url, resolveHost, false);
    const webhook = this.dataSource.manager.create(WebhookEntity, {
      id: randomUUID(),
      url: dto.url,
      events: dto.events,
      secret: newSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdBy: user.id,
      // Millisecond precision, like the cursors that point at it (toISOString), so keyset paging is exact.
      createdAt: this.clock.now(),
      deletedAt: null,
    });
    await this.dataSource.manager.insert(WebhookEntity, webhook);
    return { ...toWebhookView(webhook), secret: webhook.secret };
  }

  /** Live webhooks, oldest first, keyset-paged by (created_at, id). */
  async list(query: PageQueryDto): Promise<Page<WebhookView>> {
    const after = decodeCursor(query.cursor);
    const qb = this.dataSource.manager
      .createQueryBuilder(WebhookEntity, 'w')
      .where('w.deleted_at IS NULL')
      .orderBy('w.created_at', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .limit(query.limit + 1);
    if (after) qb.andWhere('(w.created_at, w.id) > (:at, :id)', { at: after.createdAt, id: after.id });
    return toPage(await qb.getMany(), query.limit, toWebhookView);
  }

  /** Soft delete: deliveries keep pointing at the row, the dispatcher skips it. Unknown or already deleted: 404. */
  async remove(id: string): Promise<void> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(WebhookEntity)
      .set({ deletedAt: this.clock.now() })
      .where('id = :id AND deleted_at IS NULL', { id })
      .execute();
    if (!result.affected) throw new DomainError('not_found', 'No such webhook');
  }

  /** The delivery log of a live webhook, newest first, keyset-paged by (created_at, id); optionally one status only. */
  async deliveries(webhookId: string, query: ListDeliveriesQuery): Promise<Page<WebhookDeliveryView>> {
    await this.liveWebhook(webhookId);
    const after = decodeCursor(query.cursor);
    const params: unknown[] = [webhookId, query.limit + 1];
    const where = ['d.webhook_id = $1'];
    if (query.status) where.push(`d.status = $${params.push(query.status)}`);
    if (after) where.push(`(d.created_at, d.id) < ($${params.push(after.createdAt)}, $${params.push(after.id)})`);
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN outbox o ON o.id = d.event_id
       WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      params,
    );
    return toPage(
      rows.map((row) => ({ ...row, createdAt: row.created_at })),
      query.limit,
      toDeliveryView,
    );
  }

  /**
   * Sends a delivery again, whatever its status: the same event and X-Event-Id, a new round of retries starting now
   * (three more days if the receiver keeps failing), its attempts counted on. The dispatcher hands it to a job at once.
   */
  async redeliver(deliveryId: string): Promise<WebhookDeliveryView> {
    const now = this.clock.now();
    const [row]: DeliveryRow[] = await this.dataSource.query(
      `WITH d AS (
         UPDATE webhook_deliveries d
         SET status = 'pending', next_attempt_at = $2, round_started_at = $2, round_attempts = 0, leased_until = NULL, delivered_at = NULL
         FROM webhooks w
         WHERE d.id = $1 AND w.id = d.webhook_id AND w.deleted_at IS NULL
         RETURNING d.*
       )
       SELECT ${DELIVERY_COLUMNS} FROM d JOIN outbox o ON o.id = d.event_id`,
      [deliveryId, now],
    );
    if (!row) throw new DomainError('not_found', 'No such webhook delivery');
    void nudgeWebhookDispatch(this.backend);
    return toDeliveryView(row);
  }

  /**
   * A new signing secret, shown only in this answer. For WEBHOOK_SECRET_OVERLAP_MS (24 hours) deliveries are signed
   * with the old one too, so the receiver can switch without losing a delivery; rotating again within that day
   * replaces the old secret with the one being rotated out.
   */
  async rotateSecret(webhookId: string): Promise<RotatedWebhookSecretView> {
    const secret = newSecret();
    const expiresAt = new Date(this.clock.now().getTime() + WEBHOOK_SECRET_OVERLAP_MS);
    // A CTE, so that the answer is the rows (TypeORM answers an UPDATE with [rows, count]).
    const rows: unknown[] = await this.dataSource.query(
      `WITH rotated AS (
         UPDATE webhooks SET previous_secret = secret, previous_secret_expires_at = $2, secret = $3
         WHERE id = $1 AND deleted_at IS NULL RETURNING id
       )
       SELECT id FROM rotated`,
      [webhookId, expiresAt, secret],
    );
    if (!rows.length) throw new DomainError('not_found', 'No such webhook');
    return { secret, previousSecretExpiresAt: expiresAt.toISOString() };
  }

  private async liveWebhook(id: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM webhooks WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (!rows.length) throw new DomainError('not_found', 'No such webhook');
  }
}
