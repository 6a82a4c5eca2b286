import { Principal } from '@app/auth';
import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { WebhookEntity } from '@app/database';
import { DomainError, resolveWebhookTarget } from '@app/domain';
import { decodeCursor, Page, PageQueryDto, toPage } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { resolveHost } from './resolve-host';
import { CreatedWebhookView, toWebhookView, WebhookView } from './webhook.view';

@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
      secret: randomBytes(32).toString('hex'),
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
}
