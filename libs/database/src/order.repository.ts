import { ACTIVE_CASE_STATUSES, releaseTransactions } from '@app/domain';
import { EntityManager } from 'typeorm';
import { OrderEntity, OrderStatus } from './entities';
import { LedgerRepository } from './ledger.repository';

const OPEN_CASE_STATUSES: readonly string[] = ACTIVE_CASE_STATUSES;

/** What the cases on an order say about opening another one. */
export interface OrderCaseStanding {
  openCaseId: string | null;
  settled: boolean;
}

export class OrderRepository {
  /** Loads the order and locks its row for the rest of the transaction. */
  static lock(manager: EntityManager, id: string): Promise<OrderEntity | null> {
    return manager.findOne(OrderEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Compare-and-set on status: false when another request moved the order first. */
  static async move(manager: EntityManager, order: OrderEntity, next: OrderStatus, changes: Partial<OrderEntity>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ ...changes, status: next, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND status = :status', { id: order.id, status: order.status })
      .execute();
    return result.affected === 1;
  }

  /** Per order: its open case, if any, and whether a case on it was resolved (which settles it for good). */
  static async caseStandings(manager: EntityManager, orderIds: string[]): Promise<Map<string, OrderCaseStanding>> {
    const rows: Array<{ orderId: string; openCaseId: string | null; settled: boolean }> = await manager.query(
      `SELECT order_id AS "orderId",
              (array_agg(id) FILTER (WHERE status = ANY($2)))[1] AS "openCaseId",
              bool_or(status = 'resolved') AS settled
         FROM cases WHERE order_id = ANY($1) GROUP BY order_id`,
      [orderIds, OPEN_CASE_STATUSES],
    );
    const standings = new Map(orderIds.map((id) => [id, { openCaseId: null, settled: false } as OrderCaseStanding]));
    for (const row of rows) standings.set(row.orderId, { openCaseId: row.openCaseId, settled: row.settled });
    return standings;
  }

  static async hasOpenCase(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM cases WHERE order_id = $1 AND status = ANY($2) LIMIT 1`, [
      orderId,
      OPEN_CASE_STATUSES,
    ]);
    return rows.length > 0;
  }

  /**
   * Releases what the escrow still holds to the supplier, less the order's service fee, once the order is completed
   * and no case is open. An open case freezes the escrow; the case's end calls this again.
   */
  static async releaseEscrowIfDue(manager: EntityManager, order: OrderEntity): Promise<boolean> {
    if (order.status !== 'completed' || (await OrderRepository.hasOpenCase(manager, order.id))) return false;
    const held = await LedgerRepository.escrowHeld(manager, order.id);
    if (held <= 0) return false;
    const money = { amount: order.amount, currency: order.currency };
    let posted = false;
    for (const tx of releaseTransactions({ id: order.id, supplierId: order.supplierId, amount: money, serviceFeeBps: order.serviceFeeBps }, held)) {
      posted = (await LedgerRepository.post(manager, { uniqueKey: `${tx.kind}:${order.id}`, orderId: order.id }, tx)) || posted;
    }
    return posted;
  }
}
