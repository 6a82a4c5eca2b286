import { ensureJob, jobIds, JOBS, QUEUES, QueueBackend } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const BATCH = 200;
/** A due delivery handed to a job is not handed out again for this long; after it, a lost job is replaced. */
const LEASE_MS = 60_000;

/**
 * Turns outbox rows into one delivery per subscribed webhook (its event types, or "*"), exactly once: rows are
 * claimed FOR UPDATE SKIP LOCKED, deliveries are unique per (webhook, event), and the outbox row is marked
 * dispatched in the same transaction. Then hands every delivery whose next attempt is due to a job: PostgreSQL holds
 * the retry schedule (days of it), a job carries one attempt.
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
      await Promise.all(batch.deliveryIds.map((id) => this.backend.add(QUEUES.webhooks, JOBS.webhookDeliver, { deliveryId: id }, { jobId: jobIds.webhookDelivery(id) })));
      created += batch.deliveryIds.length;
      if (batch.events < BATCH) break;
    }
    await this.handOutDue(now);
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
      // Handed to a job right away, hence leased.
      const deliveries: Array<{ id: string }> = await manager.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, status, next_attempt_at, created_at, round_started_at, leased_until)
         SELECT w.id, o.id, 'pending', $2, $2, $2, $3
         FROM outbox o JOIN webhooks w ON w.deleted_at IS NULL AND (o.event_type = ANY (w.events) OR '*' = ANY (w.events))
         WHERE o.id = ANY ($1)
         ORDER BY o.seq
         ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING
         RETURNING id`,
        [ids, now, new Date(now.getTime() + LEASE_MS)],
      );
      await manager.query(`UPDATE outbox SET dispatched_at = $2 WHERE id = ANY ($1)`, [ids, now]);
      return { events: events.length, deliveryIds: deliveries.map((d) => d.id) };
    });
  }

  /** Pending deliveries whose next attempt is due (a retry, a redelivery, or a job lost to a crash or a Redis wipe). */
  private async handOutDue(now: Date): Promise<void> {
    // A CTE, so that the answer is the rows (TypeORM answers an UPDATE with [rows, count]).
    const due: Array<{ id: string }> = await this.dataSource.query(
      `WITH leased AS (
         UPDATE webhook_deliveries SET leased_until = $2
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
                      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id
       )
       SELECT id FROM leased`,
      [now, new Date(now.getTime() + LEASE_MS), BATCH],
    );
    for (const { id } of due) {
      await ensureJob(this.backend, QUEUES.webhooks, JOBS.webhookDeliver, { deliveryId: id }, jobIds.webhookDelivery(id));
    }
  }
}
