import { DataSource } from 'typeorm';

/**
 * DOMAIN.md's ledger invariants, checked over the whole database: every transaction sums to zero,
 * no escrow account is negative, for every paid order released + refunded + held = paid (a recovery
 * refunds from the supplier's balance instead), no case is refunded twice, and every resolved case with a
 * refund has exactly one refund record.
 * Returns the list of violations, empty when all hold.
 */
export async function ledgerViolations(dataSource: DataSource): Promise<string[]> {
  const violations: string[] = [];
  const unbalanced = await dataSource.query(
    `SELECT transaction_id FROM ledger_entries GROUP BY transaction_id, currency HAVING sum(amount) <> 0`,
  );
  for (const row of unbalanced) violations.push(`transaction ${row.transaction_id} does not sum to zero`);

  const negative = await dataSource.query(
    `SELECT account, sum(amount) AS balance FROM ledger_entries WHERE account LIKE 'escrow:%' GROUP BY account HAVING sum(amount) < 0`,
  );
  for (const row of negative) violations.push(`${row.account} is negative (${row.balance})`);

  const unbalancedOrders = await dataSource.query(`
    SELECT o.id, o.amount,
           COALESCE(sum(e.amount) FILTER (WHERE e.account = 'escrow:' || o.id), 0) AS held,
           COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'release' AND e.account LIKE 'supplier:%'), 0) AS released,
           COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'refund' AND e.account LIKE 'refund_payable:%'), 0) AS refunded
      FROM orders o JOIN ledger_entries e ON e.order_id = o.id
     WHERE o.paid_at IS NOT NULL
     GROUP BY o.id, o.amount
    HAVING COALESCE(sum(e.amount) FILTER (WHERE e.account = 'escrow:' || o.id), 0)
         + COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'release' AND e.account LIKE 'supplier:%'), 0)
         + COALESCE(sum(e.amount) FILTER (WHERE e.kind = 'refund' AND e.account LIKE 'refund_payable:%'), 0) <> o.amount`);
  for (const row of unbalancedOrders) {
    violations.push(`order ${row.id}: released ${row.released} + refunded ${row.refunded} + held ${row.held} ≠ paid ${row.amount}`);
  }

  const twice = await dataSource.query(
    `SELECT case_id FROM ledger_transactions WHERE kind IN ('refund', 'recovery') GROUP BY case_id HAVING count(*) > 1`,
  );
  for (const row of twice) violations.push(`case ${row.case_id} was refunded more than once`);

  // DOMAIN.md "Refund payouts": a resolved case with a positive refund has exactly one refund record.
  const refundRecords = await dataSource.query(`
    SELECT c.id, count(r.id)::int AS records FROM cases c LEFT JOIN refunds r ON r.case_id = c.id
     WHERE c.status = 'resolved' AND c.refund_amount > 0 GROUP BY c.id HAVING count(r.id) <> 1`);
  for (const row of refundRecords) violations.push(`resolved case ${row.id} has ${row.records} refund records`);
  return violations;
}
