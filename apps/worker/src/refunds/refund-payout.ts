import { CLOCK, Clock } from '@app/config';
import { CaseStore, LedgerRepository, RefundEntity, RefundStatus } from '@app/database';
import { PaymentMethod, payoutTransaction, refundExpectedArrival } from '@app/domain';
import { jobIds, JOBS, nudgeWebhookDispatch, QUEUES, QueueBackend, retryDelayMs } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayRejectedError, PAYMENT_GATEWAY, PaymentGateway } from './payment-gateway';

/** The gateway settles asynchronously: the first status poll waits this long, later ones back off (JOB_OPTIONS). */
const FIRST_CONFIRM_POLL_MS = 1000;

/** Where one try of a job leaves the refund. */
export type PayoutStep = 'sent' | 'succeeded' | 'failed' | 'unchanged';

export class RefundNotSettledError extends Error {
  override readonly name = 'RefundNotSettledError';
}

/**
 * Pays a refund exactly once (DOMAIN.md "Refund payouts"): pending → processing → sent → succeeded, or failed
 * for an admin after the retry budget. Every status change is a compare-and-set, so competing workers and
 * repeated jobs change nothing twice; the gateway call carries the refund's idempotency key, so a crash
 * anywhere may repeat the call but never the payment; the payout posting has a unique key per case.
 */
@Injectable()
export class RefundPayout {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly backend: QueueBackend,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One try of `refund.send`. Throws to be retried with backoff; on the final try a failure is recorded instead. */
  async send(refundId: string, attempt: { made: number; final: boolean }): Promise<PayoutStep> {
    const now = this.clock.now();
    // `processing` again after a crash or a failed try: the same key makes the repeated call harmless.
    const claimed = await this.move(this.dataSource.manager, refundId, ['pending', 'processing'], 'processing', {
      attempts: () => 'attempts + 1',
      nextAttemptAt: now,
    });
    if (!claimed) return this.followUpOnly(refundId);
    const refund = await this.dataSource.manager.findOneByOrFail(RefundEntity, { id: refundId });
    let reference: string;
    try {
      ({ reference } = await this.gateway.createRefund({
        idempotencyKey: refund.idempotencyKey,
        amount: { amount: refund.amount, currency: refund.currency },
        paymentMethod: refund.paymentMethod as PaymentMethod,
        reference: refund.id,
      }));
    } catch (error) {
      const reason = (error as Error).message;
      if (error instanceof GatewayRejectedError || attempt.final) return this.fail(refund, ['processing'], reason);
      await this.move(this.dataSource.manager, refundId, ['processing'], 'processing', {
        failureReason: reason,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(JOBS.refundSend, attempt.made + 1)),
      });
      throw error;
    }
    const sent = await this.dataSource.transaction((manager) => this.markSent(manager, refund, reference, now));
    if (sent) await nudgeWebhookDispatch(this.backend);
    await this.scheduleConfirm(refundId);
    return sent ? 'sent' : 'unchanged';
  }

  /** One try of `refund.confirm`: asks the gateway whether the sent refund has settled. */
  async confirm(refundId: string, attempt: { made: number }): Promise<PayoutStep> {
    const refund = await this.dataSource.manager.findOneBy(RefundEntity, { id: refundId });
    if (refund?.status !== 'sent' || !refund.gatewayReference) return 'unchanged';
    const { status } = await this.gateway.getRefund(refund.gatewayReference);
    const now = this.clock.now();
    if (status === 'pending') {
      await this.move(this.dataSource.manager, refundId, ['sent'], 'sent', {
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(JOBS.refundConfirm, attempt.made + 1)),
      });
      // Retried with backoff; once the budget is spent the refund stays `sent` and the sweep polls again.
      throw new RefundNotSettledError(`refund ${refundId} has not settled at the gateway yet`);
    }
    if (status === 'failed') return this.fail(refund, ['sent'], 'the gateway reported the refund as failed');
    const succeeded = await this.dataSource.transaction(async (manager) => {
      if (!(await this.move(manager, refundId, ['sent'], 'succeeded', { succeededAt: now, nextAttemptAt: null }))) return false;
      await CaseStore.appendEvents(manager, refund.caseId, [{ type: 'refund.succeeded', data: { refundId, succeededAt: now.toISOString() } }], null, now);
      return true;
    });
    if (succeeded) await nudgeWebhookDispatch(this.backend);
    return succeeded ? 'succeeded' : 'unchanged';
  }

  /** `sent`, the payout posting and `refund.sent` commit together, or none of them. */
  private async markSent(manager: EntityManager, refund: RefundEntity, reference: string, now: Date): Promise<boolean> {
    const expectedArrivalAt = refundExpectedArrival(now, refund.paymentMethod as PaymentMethod, (await CaseStore.policyOf(manager, refund.caseId)).refundArrivalDays);
    const moved = await this.move(manager, refund.id, ['processing'], 'sent', {
      gatewayReference: reference,
      sentAt: now,
      expectedArrivalAt,
      failureReason: null,
      nextAttemptAt: new Date(now.getTime() + FIRST_CONFIRM_POLL_MS),
    });
    if (!moved) return false;
    const money = { amount: refund.amount, currency: refund.currency };
    await LedgerRepository.post(
      manager,
      { uniqueKey: `payout:case:${refund.caseId}`, orderId: refund.orderId, caseId: refund.caseId },
      payoutTransaction(refund.caseId, money),
    );
    await CaseStore.appendEvents(
      manager,
      refund.caseId,
      [
        {
          type: 'refund.sent',
          data: { refundId: refund.id, amount: money, gatewayReference: reference, expectedArrivalAt: expectedArrivalAt.toISOString() },
        },
      ],
      null,
      now,
    );
    return true;
  }

  /** Left `failed` with its reason for an admin, never dropped; its idempotency key still guards any retry. */
  private async fail(refund: RefundEntity, from: RefundStatus[], reason: string): Promise<PayoutStep> {
    const now = this.clock.now();
    const failed = await this.dataSource.transaction(async (manager) => {
      if (!(await this.move(manager, refund.id, from, 'failed', { failureReason: reason, nextAttemptAt: null }))) return false;
      const { attempts } = await manager.findOneByOrFail(RefundEntity, { id: refund.id });
      await CaseStore.appendEvents(manager, refund.caseId, [{ type: 'refund.failed', data: { refundId: refund.id, reason, attempts } }], null, now);
      return true;
    });
    if (failed) await nudgeWebhookDispatch(this.backend);
    return failed ? 'failed' : 'unchanged';
  }

  /** A send job for a refund that is past sending (repeated or late job): make sure its confirmation follows. */
  private async followUpOnly(refundId: string): Promise<PayoutStep> {
    const refund = await this.dataSource.manager.findOneBy(RefundEntity, { id: refundId });
    if (refund?.status === 'sent') await this.scheduleConfirm(refundId);
    return 'unchanged';
  }

  private scheduleConfirm(refundId: string): Promise<void> {
    return this.backend.add(QUEUES.refunds, JOBS.refundConfirm, { refundId }, {
      jobId: jobIds.refundConfirm(refundId),
      delay: FIRST_CONFIRM_POLL_MS,
    });
  }

  /** Compare-and-set on the refund's status; false when it was not in `from` any more. */
  private async move(
    manager: EntityManager,
    id: string,
    from: RefundStatus[],
    to: RefundStatus,
    changes: Record<string, unknown>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(RefundEntity)
      .set({ ...changes, status: to, updatedAt: this.clock.now() })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return result.affected === 1;
  }
}
