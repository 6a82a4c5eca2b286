import { CLOCK, Clock } from '@app/config';
import { CaseStore, LedgerRepository, refundAttemptKey, RefundEntity, RefundFailureKind, RefundStatus } from '@app/database';
import { PaymentMethod, payoutKeys, payoutReversalTransaction, payoutTransaction, refundExpectedArrival } from '@app/domain';
import { jobIds, JOBS, nudgeWebhookDispatch, QUEUES, QueueBackend, retryDelayMs } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayRejectedError, PAYMENT_GATEWAY, PaymentGateway } from './payment-gateway';

/** The gateway settles asynchronously: the first status poll waits this long, later ones back off (JOB_OPTIONS). */
const FIRST_CONFIRM_POLL_MS = 1000;

/** Where one try of a job leaves the refund. */
export type PayoutStep = 'sent' | 'succeeded' | 'failed' | 'unchanged';

/** The gateway's reference for the current attempt; `foundAtGateway` when it already held it (asked, not sent). */
interface Acceptance {
  reference: string;
  foundAtGateway: boolean;
}

export class RefundNotSettledError extends Error {
  override readonly name = 'RefundNotSettledError';
}

/**
 * Pays a refund exactly once (DOMAIN.md "Refund payouts"): pending → processing → sent → succeeded, or failed
 * for an admin after the retry budget. Every status change is a compare-and-set, so competing workers and
 * repeated jobs change nothing twice; the gateway call carries the attempt's idempotency key, so a crash
 * anywhere may repeat the call but never the payment; the payout posting has a unique key per attempt, and a
 * payout the gateway reports failed after it was sent is reversed, so the case's net payout is at most one.
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
    let refund = await this.dataSource.manager.findOneByOrFail(RefundEntity, { id: refundId });
    let accepted: Acceptance;
    try {
      ({ refund, accepted } = await this.request(refund));
    } catch (error) {
      const reason = (error as Error).message;
      // Refused: nothing is paid under this key. Out of tries without an answer: the gateway may hold it.
      if (error instanceof GatewayRejectedError) return this.fail(refund, 'processing', reason, 'definite');
      if (attempt.final) return this.fail(refund, 'processing', reason, 'unknown');
      await this.move(this.dataSource.manager, refundId, ['processing'], 'processing', {
        failureReason: reason,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(JOBS.refundSend, attempt.made + 1)),
      });
      throw error;
    }
    const sent = await this.dataSource.transaction((manager) => this.markSent(manager, refund, accepted, now));
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
    if (status === 'failed') return this.fail(refund, 'sent', 'the gateway reported the refund as failed', 'definite');
    const succeeded = await this.dataSource.transaction(async (manager) => {
      if (!(await this.move(manager, refundId, ['sent'], 'succeeded', { succeededAt: now, nextAttemptAt: null }))) return false;
      await CaseStore.appendEvents(manager, refund.caseId, [{ type: 'refund.succeeded', data: { refundId, succeededAt: now.toISOString() } }], null, now);
      return true;
    });
    if (succeeded) await nudgeWebhookDispatch(this.backend);
    return succeeded ? 'succeeded' : 'unchanged';
  }

  /**
   * The gateway's acceptance of the refund's current attempt. When an earlier call under this key got no definite
   * answer, the gateway is asked first what it holds under it: a refund it accepted is taken as sent, one that
   * failed there is a definite failure (the attempt after it gets a new key); only then is anything requested.
   */
  private async request(refund: RefundEntity): Promise<{ refund: RefundEntity; accepted: Acceptance }> {
    if (refund.failureKind === 'unknown') {
      const held = await this.gateway.findRefund(refund.idempotencyKey);
      if (held && held.status !== 'failed') return { refund, accepted: { reference: held.reference, foundAtGateway: true } };
      refund = await this.outcomeKnown(refund, held ? 'failed' : 'absent');
    }
    const { reference } = await this.gateway.createRefund({
      idempotencyKey: refund.idempotencyKey,
      amount: { amount: refund.amount, currency: refund.currency },
      paymentMethod: refund.paymentMethod as PaymentMethod,
      reference: refund.id,
    });
    return { refund, accepted: { reference, foundAtGateway: false } };
  }

  /** The gateway has nothing under the key (it may be sent), or a failed refund (the next attempt's key is sent). */
  private async outcomeKnown(refund: RefundEntity, atGateway: 'absent' | 'failed'): Promise<RefundEntity> {
    const next = refund.payoutAttempt + 1;
    await this.dataSource
      .createQueryBuilder()
      .update(RefundEntity)
      .set({
        failureKind: null,
        ...(atGateway === 'failed' && { payoutAttempt: next, idempotencyKey: refundAttemptKey(refund.caseId, next) }),
        updatedAt: this.clock.now(),
      })
      // A competing worker that asked too may have moved on first; then its attempt is the one to send.
      .where(`id = :id AND status = 'processing' AND payout_attempt = :attempt AND failure_kind = 'unknown'`, {
        id: refund.id,
        attempt: refund.payoutAttempt,
      })
      .execute();
    return this.dataSource.manager.findOneByOrFail(RefundEntity, { id: refund.id });
  }

  /** `sent`, the attempt's payout posting and `refund.sent` commit together, or none of them. */
  private async markSent(manager: EntityManager, refund: RefundEntity, accepted: Acceptance, now: Date): Promise<boolean> {
    const expectedArrivalAt = refundExpectedArrival(now, refund.paymentMethod as PaymentMethod, (await CaseStore.policyOf(manager, refund.caseId)).refundArrivalDays);
    const moved = await this.move(manager, refund.id, ['processing'], 'sent', {
      gatewayReference: accepted.reference,
      sentAt: now,
      expectedArrivalAt,
      failureReason: null,
      failureKind: null,
      nextAttemptAt: new Date(now.getTime() + FIRST_CONFIRM_POLL_MS),
    });
    if (!moved) return false;
    const money = { amount: refund.amount, currency: refund.currency };
    await LedgerRepository.post(
      manager,
      { uniqueKey: payoutKeys(refund.caseId, refund.payoutAttempt).payout, orderId: refund.orderId, caseId: refund.caseId },
      payoutTransaction(refund.caseId, money),
    );
    const data = {
      refundId: refund.id,
      amount: money,
      attempt: refund.payoutAttempt,
      gatewayReference: accepted.reference,
      expectedArrivalAt: expectedArrivalAt.toISOString(),
      ...(accepted.foundAtGateway && { foundAtGateway: true }),
    };
    await CaseStore.appendEvents(manager, refund.caseId, [{ type: 'refund.sent', data }], null, now);
    return true;
  }

  /**
   * Left `failed` with its reason and kind for an admin, never dropped. A payout that was sent is reversed in the
   * same transaction (DOMAIN.md "Money: the ledger"): the money is payable again before it can be sent again.
   */
  private async fail(refund: RefundEntity, from: 'processing' | 'sent', reason: string, kind: RefundFailureKind): Promise<PayoutStep> {
    const now = this.clock.now();
    const failed = await this.dataSource.transaction(async (manager) => {
      if (!(await this.move(manager, refund.id, [from], 'failed', { failureReason: reason, failureKind: kind, nextAttemptAt: null }))) return false;
      const { attempts, payoutAttempt } = await manager.findOneByOrFail(RefundEntity, { id: refund.id });
      const money = { amount: refund.amount, currency: refund.currency };
      if (from === 'sent') {
        await LedgerRepository.post(
          manager,
          { uniqueKey: payoutKeys(refund.caseId, payoutAttempt).reversal, orderId: refund.orderId, caseId: refund.caseId },
          payoutReversalTransaction(refund.caseId, money),
        );
      }
      const data = { refundId: refund.id, reason, failureKind: kind, attempts, attempt: payoutAttempt, ...(from === 'sent' && { reversed: money }) };
      await CaseStore.appendEvents(manager, refund.caseId, [{ type: 'refund.failed', data }], null, now);
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
