import { APP_CONFIG, AppConfig } from '@app/config';
import { OrderEntity, OrderRepository } from '@app/database';
import { autoConfirmedAt, orderTransition, parseDuration } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const BATCH = 100;

/**
 * Receipt is confirmed by itself `autoConfirmAfterDelivery` after delivery (DOMAIN.md "Orders and escrow"):
 * the order completes, `receiptConfirmedAt` is set (the quality claim window runs from it) and its escrow is
 * released, unless a case is open on it (the case's end releases it).
 */
@Injectable()
export class OrderAutoConfirm {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns how many orders completed. */
  async run(now: Date): Promise<number> {
    const deliveredBefore = new Date(now.getTime() - parseDuration(this.config.policy.autoConfirmAfterDelivery));
    let completed = 0;
    for (;;) {
      const found = await this.dataSource.transaction(async (manager) => {
        const due = await manager
          .createQueryBuilder(OrderEntity, 'o')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`o.status = 'delivered' AND o.delivered_at <= :deliveredBefore`, { deliveredBefore })
          .orderBy('o.delivered_at')
          .limit(BATCH)
          .getMany();
        for (const order of due) {
          const next = orderTransition(order.status, 'auto_confirm');
          // Auto-confirmation counts as receipt confirmation: the quality claim window runs from it.
          const receiptConfirmedAt = autoConfirmedAt(order.deliveredAt!, this.config.policy, now);
          if (!(await OrderRepository.move(manager, order, next, { receiptConfirmedAt, completedAt: now }))) continue;
          completed += 1;
          await OrderRepository.releaseEscrowIfDue(manager, { ...order, status: next, receiptConfirmedAt, completedAt: now });
        }
        return due.length;
      });
      if (found < BATCH) return completed;
    }
  }
}
