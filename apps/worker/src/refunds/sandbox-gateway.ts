import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/config';
import { parseDuration } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import {
  AcceptedRefund,
  GatewayRefund,
  GatewayRefundStatus,
  GatewayRejectedError,
  GatewayUnavailableError,
  PaymentGateway,
  RefundRequest,
} from './payment-gateway';

type FailurePoint = 'before_record' | 'after_record';

/**
 * A payment gateway that behaves like a real one, for development and tests: refunds are stored in its own
 * table keyed by idempotency key (the same key never pays twice; the same key with another amount is refused),
 * accepted at once and settled `PAYMENT_SANDBOX_SETTLE_AFTER` later, on the first status poll after that.
 * Like a real gateway it forgets nothing: a repeated key is answered with the refund it first recorded, also once
 * that refund has failed, so only a new key can pay a refund that failed.
 * Fault switches: `PAYMENT_SANDBOX_FAILURE_RATE` of the calls fail, before or after the refund is recorded
 * (`PAYMENT_SANDBOX_FAIL_MODE`), the way a timeout leaves the caller not knowing which;
 * `PAYMENT_SANDBOX_SETTLE_FAILURE_RATE` of the accepted refunds settle as failed (after they were sent).
 */
@Injectable()
export class SandboxGateway implements PaymentGateway {
  private readonly latencyMs: number;
  private readonly settleAfterMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.latencyMs = parseDuration(config.payments.sandboxLatency);
    this.settleAfterMs = parseDuration(config.payments.sandboxSettleAfter);
  }

  async createRefund(request: RefundRequest): Promise<AcceptedRefund> {
    const failAt = this.injectedFailure();
    await this.simulateLatency();
    if (failAt === 'before_record') throw new GatewayUnavailableError('sandbox: injected failure before recording the refund');
    const reference = await this.record(request);
    if (failAt === 'after_record') throw new GatewayUnavailableError('sandbox: injected failure after recording the refund');
    return { reference, status: 'accepted' };
  }

  async getRefund(reference: string): Promise<GatewayRefund> {
    await this.call();
    const now = this.clock.now();
    const outcome: GatewayRefundStatus = Math.random() < this.config.payments.sandboxSettleFailureRate ? 'failed' : 'succeeded';
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [, settled]: [unknown[], number] = await this.dataSource.query(
      `UPDATE sandbox_gateway_refunds SET status = $3, settled_at = $2
       WHERE reference = $1 AND status = 'pending' AND settles_at <= $2`,
      [reference, now, outcome],
    );
    if (settled > 0) return { reference, status: outcome };
    const [row]: Array<{ status: GatewayRefundStatus }> = await this.dataSource.query(
      `SELECT status FROM sandbox_gateway_refunds WHERE reference = $1`,
      [reference],
    );
    if (!row) throw new GatewayRejectedError(`sandbox: no refund ${reference}`);
    return { reference, status: row.status };
  }

  async findRefund(idempotencyKey: string): Promise<GatewayRefund | null> {
    await this.call();
    const [row]: GatewayRefund[] = await this.dataSource.query(
      `SELECT reference, status FROM sandbox_gateway_refunds WHERE idempotency_key = $1`,
      [idempotencyKey],
    );
    return row ?? null;
  }

  /** The gateway's reference for this key: a new refund, or the one already recorded under it. */
  private async record(request: RefundRequest): Promise<string> {
    const now = this.clock.now();
    const inserted: Array<{ reference: string }> = await this.dataSource.query(
      `INSERT INTO sandbox_gateway_refunds
         (reference, idempotency_key, amount, currency, payment_method, merchant_reference, status, created_at, settles_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING reference`,
      [
        randomUUID(),
        request.idempotencyKey,
        request.amount.amount,
        request.amount.currency,
        request.paymentMethod,
        request.reference,
        now,
        new Date(now.getTime() + this.settleAfterMs),
      ],
    );
    if (inserted.length) return inserted[0].reference;
    const [existing]: Array<{ reference: string; amount: string; currency: string }> = await this.dataSource.query(
      `SELECT reference, amount, currency FROM sandbox_gateway_refunds WHERE idempotency_key = $1`,
      [request.idempotencyKey],
    );
    if (Number(existing.amount) !== request.amount.amount || existing.currency !== request.amount.currency) {
      throw new GatewayRejectedError(`sandbox: idempotency key ${request.idempotencyKey} was used for another amount`);
    }
    return existing.reference;
  }

  /** A read-only call: it either answers or fails without an answer. */
  private async call(): Promise<void> {
    const failAt = this.injectedFailure();
    await this.simulateLatency();
    if (failAt) throw new GatewayUnavailableError('sandbox: injected failure');
  }

  private injectedFailure(): FailurePoint | null {
    const { sandboxFailureRate: rate, sandboxFailMode: mode } = this.config.payments;
    if (rate <= 0 || Math.random() >= rate) return null;
    if (mode !== 'either') return mode;
    return Math.random() < 0.5 ? 'before_record' : 'after_record';
  }

  private async simulateLatency(): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
  }
}
