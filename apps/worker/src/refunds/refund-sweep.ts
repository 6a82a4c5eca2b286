import { ensureJob, jobIds, JOBS, QUEUES, QueueBackend } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const BATCH = 500;

/**
 * Crash recovery: every refund still pending, processing or sent whose next step is due gets its job back
 * if Redis lost it or failed it. A job that is waiting, delayed or running is left alone.
 */
@Injectable()
export class RefundSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly backend: QueueBackend,
  ) {}

  /** Returns how many jobs it had to re-create. */
  async run(now: Date): Promise<number> {
    const unfinished: Array<{ id: string; status: 'pending' | 'processing' | 'sent' }> = await this.dataSource.query(
      `SELECT id, status FROM refunds
       WHERE status IN ('pending', 'processing', 'sent') AND COALESCE(next_attempt_at, updated_at) <= $1
       ORDER BY next_attempt_at LIMIT $2`,
      [now, BATCH],
    );
    let recreated = 0;
    for (const { id, status } of unfinished) {
      const result =
        status === 'sent'
          ? await ensureJob(this.backend, QUEUES.refunds, JOBS.refundConfirm, { refundId: id }, jobIds.refundConfirm(id))
          : await ensureJob(this.backend, QUEUES.refunds, JOBS.refundSend, { refundId: id }, jobIds.refund(id));
      if (result !== 'present') recreated += 1;
    }
    return recreated;
  }
}
