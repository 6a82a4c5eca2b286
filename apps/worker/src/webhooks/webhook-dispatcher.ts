import { ensureJob, jobIds, JOBS, QUEUES, QueueBackend } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const BATCH = 200;
/** A pending delivery this far past its next attempt has lost its job (crash, Redis wipe): give it one back. */
const STUCK_AFTER_MS = 30_000;

/**
 * Turns outbox rows into one delivery per subscribed webhook (its event types, or "*"), exactly once: rows are
 * claimed FOR UPDATE SKIP LOCKED, deliveries are unique per (webhook, event), and the outbox row is marked
 * dispatched in the same transaction.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly backend: QueueBackend,
  ) {}

  /** Returns how many deliveries it created. */
  async run(now: Date): Promise<number> {
    let created = 0;
    for (;;) {
      const batch = await this.dispatchBatch(now);
      await Promise.all(
        batch.deliveryIds.map((id) => this.backend.add(QUEUES.webhooks, JOBS.webhookDeliver, { deliveryId: id }, { jobId: jobIds.webhookDelivery(id) })),
      );
      created += batch.deliveryIds.length;
      if (batch.events < BATCH) break;
    }
    await this.recoverStuck(now);
    return created;
  }

  private dispatchBatch(now: Date): Promise<{ events: number; deliveryIds: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const events: Array<{ id: string }> = await manager.query(
        `SELECT id FROM outbox WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (events.length === 0) return { events: 0, deliveryIds: [] };
      const ids = events.map((e) => e.id);
      const deliveries: Array<{ id: string }> = await manager.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, status, next_attempt_at, created_at)
         SELECT w.id, o.id, 'pending', $2, $2
         FROM outbox o JOIN webhooks w ON w.deleted_at IS NULL AND (o.event_type = ANY (w.events) OR '*' = ANY (w.events))
         WHERE o.id = ANY ($1)
         ORDER BY o.seq
         ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING
         RETURNING id`,
        [ids, now],
      );
      await manager.query(`UPDATE outbox SET dispatched_at = $2 WHERE id = ANY ($1)`, [ids, now]);
      return { events: events.length, deliveryIds: deliveries.map((d) => d.id) };
    });
  }

  private async recoverStuck(now: Date): Promise<void> {
    const stuck: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2`,
      [new Date(now.getTime() - STUCK_AFTER_MS), BATCH],
    );
    for (const { id } of stuck) {
      await ensureJob(this.backend, QUEUES.webhooks, JOBS.webhookDeliver, { deliveryId: id }, jobIds.webhookDelivery(id));
    }
  }
}
