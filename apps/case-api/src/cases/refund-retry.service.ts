import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { CaseStore, refundAttemptKey, RefundEntity } from '@app/database';
import { DomainError } from '@app/domain';
import { ensureJob, jobIds, JOBS, nudgeWebhookDispatch, QUEUES, QueueBackend } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findVisibleCase } from './case-access';
import { RefundView, toRefundView } from './case.view';

/**
 * DOMAIN.md leaves a refund `failed` for an admin after the retry budget. Once the cause is dealt with, the admin
 * sends it again (DOMAIN.md "Refund payouts"), and how depends on how it failed:
 * - definitely (refused, or reported failed after it was sent and reversed): nothing is paid under its key, and a
 *   gateway that remembers the key would only answer with the old failure, so the next attempt gets a new key,
 *   derived from the case and the attempt number;
 * - with an unknown outcome (no answer): the gateway may hold a refund under the key, so the key stays and the
 *   worker asks the gateway what it holds before it sends anything (RefundPayout.request).
 * Either way `pending` again, `refund.retried` on the timeline and the outbox in the same transaction.
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
    const definite = refund.failureKind === 'definite';
    const attempt = definite ? refund.payoutAttempt + 1 : refund.payoutAttempt;
    const retried = await this.dataSource.transaction(async (manager) => {
      const moved = await manager
        .createQueryBuilder()
        .update(RefundEntity)
        .set({
          status: 'pending',
          nextAttemptAt: now,
          updatedAt: now,
          ...(definite && {
            payoutAttempt: attempt,
            idempotencyKey: refundAttemptKey(caseId, attempt),
            failureKind: null,
            gatewayReference: null,
            sentAt: null,
            expectedArrivalAt: null,
          }),
        })
        // The row as read: a concurrent retry of the same failure moves it once.
        .where(`id = :id AND status = 'failed' AND payout_attempt = :attempt AND failure_kind = :kind`, {
          id: refund.id,
          attempt: refund.payoutAttempt,
          kind: refund.failureKind,
        })
        .execute();
      if (moved.affected !== 1) return false;
      const data = { refundId: refund.id, attempt, failureKind: refund.failureKind };
      await CaseStore.appendEvents(manager, caseId, [{ type: 'refund.retried', data }], user, now);
      return true;
    });
    if (!retried) throw new DomainError('invalid_state', `Only a failed refund is sent again; this one is ${refund.status}`);
    await nudgeWebhookDispatch(this.backend);
    await ensureJob(this.backend, QUEUES.refunds, JOBS.refundSend, { refundId: refund.id }, jobIds.refund(refund.id));
    return toRefundView(await this.dataSource.manager.findOneByOrFail(RefundEntity, { id: refund.id }));
  }
}
