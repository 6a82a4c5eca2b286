import { escrowAccount } from '@app/domain';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { LedgerEntryEntity, LedgerKind } from './entities';

export interface LedgerPostingInput {
  account: string;
  amount: number;
  currency: string;
}

export interface LedgerTransactionInput {
  kind: LedgerKind;
  postings: LedgerPostingInput[];
}

export interface LedgerRefs {
  /** Names the movement of money, e.g. `funding:<orderId>`; posting the same key twice is a no-op. */
  uniqueKey: string;
  orderId: string;
  caseId?: string | null;
}

/**
 * Writes balanced ledger transactions inside the caller's database transaction.
 * Balance is also enforced by a deferred constraint trigger, so a bug here cannot commit an unbalanced ledger.
 */
export class LedgerRepository {
  /** Returns false when a transaction with the same unique key was already posted. */
  static async post(manager: EntityManager, refs: LedgerRefs, tx: LedgerTransactionInput): Promise<boolean> {
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ledger_transactions (id, unique_key, kind, order_id, case_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (unique_key) DO NOTHING RETURNING id`,
      [id, refs.uniqueKey, tx.kind, refs.orderId, refs.caseId ?? null],
    );
    if (inserted.length === 0) return false;
    const values: unknown[] = [];
    const rows = tx.postings.map((p, i) => {
      values.push(id, p.account, p.amount, p.currency, tx.kind, refs.orderId, refs.caseId ?? null);
      const o = i * 7;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7})`;
    });
    await manager.query(
      `INSERT INTO ledger_entries (transaction_id, account, amount, currency, kind, order_id, case_id) VALUES ${rows.join(', ')}`,
      values,
    );
    return true;
  }

  static entriesForOrder(manager: EntityManager, orderId: string): Promise<LedgerEntryEntity[]> {
    return manager.find(LedgerEntryEntity, { where: { orderId }, order: { seq: 'ASC' } });
  }

  /** The entries of several orders at once (a page of orders), by order. */
  static async entriesForOrders(manager: EntityManager, orderIds: string[]): Promise<Map<string, LedgerEntryEntity[]>> {
    const entries = await manager.find(LedgerEntryEntity, { where: { orderId: In(orderIds) }, order: { seq: 'ASC' } });
    const byOrder = new Map<string, LedgerEntryEntity[]>();
    for (const entry of entries) byOrder.set(entry.orderId, [...(byOrder.get(entry.orderId) ?? []), entry]);
    return byOrder;
  }

  /** What the order's escrow account holds now. */
  static async escrowHeld(manager: EntityManager, orderId: string): Promise<number> {
    const [row] = await manager.query(`SELECT COALESCE(sum(amount), 0)::bigint AS held FROM ledger_entries WHERE account = $1`, [
      escrowAccount(orderId),
    ]);
    return Number(row.held);
  }
}
