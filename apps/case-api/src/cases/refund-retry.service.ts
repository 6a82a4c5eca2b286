import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { RefundEntity } from '@app/database';
import { DomainError } from '@app/domain';
import { ensureJob, jobIds, JOBS, QUEUES, QueueBackend } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findVisibleCase } from './case-access';
import { RefundView, toRefundView } from './case.view';

/**
 * DOMAIN.md leaves a refund `failed` for an admin after the retry budget. Once the cause is dealt with (the
 * gateway is back, the conflict cleared with the payment provider), the admin sends it again: `pending` with
 * the same idempotency key, so a payment the gateway did record is never made twice.
 */
@Injectable()
export class RefundRetryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly backend: QueueBackend,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async retry(user: Principal, caseId: string): Promise<RefundView> {
    await findVisibleCase(this.dataSource.manager, user, caseId);
    const refund = await this.dataSource.manager.findOneBy(RefundEntity, { caseId });
    if (!refund) throw new DomainError('not_found', 'This case has no refund');
    const now = this.clock.now();
    const moved = await this.dataSource
      .createQueryBuilder()
      .update(RefundEntity)
      .set({ status: 'pending', nextAttemptAt: now, updatedAt: now })
      .where(`id = :id AND status = 'failed'`, { id: refund.id })
      .execute();
    if (moved.affected !== 1) throw new DomainError('invalid_state', `Only a failed refund is sent again; this one is ${refund.status}`);
    await ensureJob(this.backend, QUEUES.refunds, JOBS.refundSend, { refundId: refund.id }, jobIds.refund(refund.id));
    return toRefundView(await this.dataSource.manager.findOneByOrFail(RefundEntity, { id: refund.id }));
  }
}
