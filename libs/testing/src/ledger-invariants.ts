import { DataSource } from 'typeorm';

/**
 * DOMAIN.md's ledger invariants, checked over the whole database (the database refuses to commit a violation,
 * migration LedgerInvariants1763800000200; this is the code's own reading of the same rules): every transaction
 * sums to zero, no escrow account is negative, for every paid order released (fees included) + refunded out of
 * escrow + held = paid (a recovery refunds from the supplier's balance instead), no case is refunded twice nor
 * paid out more than once net of reversals, every resolved case with a refund has exactly one refund record, and the
 * service fee is the order's rate of each release, rounded down, and never leaves platform_fees.
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

  // Out of escrow: release and fee (released), refund (refunded); a recovery never touches it.
  const unbalancedOrders = await dataSource.query(`
    SELECT o.id, o.amount,
           COALESCE(sum(e.amount) FILTER (WHERE e.account = 'escrow:' || o.id), 0) AS held,
           COALESCE(-sum(e.amount) FILTER (WHERE e.account = 'escrow:' || o.id AND e.kind IN ('release', 'fee')), 0) AS released,
           COALESCE(-sum(e.amount) FILTER (WHERE e.account = 'escrow:' || o.id AND e.kind = 'refund'), 0) AS refunded
      FROM orders o JOIN ledger_entries e ON e.order_id = o.id
     WHERE o.paid_at IS NOT NULL
     GROUP BY o.id, o.amount
    HAVING COALESCE(sum(e.amount) FILTER (WHERE e.account = 'escrow:' || o.id), 0)
         - COALESCE(sum(e.amount) FILTER (WHERE e.account = 'escrow:' || o.id AND e.kind IN ('release', 'fee', 'refund')), 0) <> o.amount`);
  for (const row of unbalancedOrders) {
    violations.push(`order ${row.id}: released ${row.released} + refunded ${row.refunded} + held ${row.held} ≠ paid ${row.amount}`);
  }

  // The service fee: platform_fees only ever receives fees (a fee is never refunded), and each release to a
  // supplier (release:<order> or release:case:<case>, with its fee:… twin) sends floor(bps × released / 10,000) there.
  const feesOut = await dataSource.query(
    `SELECT transaction_id, kind, amount FROM ledger_entries WHERE account = 'platform_fees' AND (kind <> 'fee' OR amount <= 0)`,
  );
  for (const row of feesOut) violations.push(`transaction ${row.transaction_id} (${row.kind}) moves ${row.amount} on platform_fees`);
  const wrongFees = await dataSource.query(`
    WITH moves AS (
      SELECT t.order_id, regexp_replace(t.unique_key, '^(release|fee):', '') AS movement, t.kind, -sum(e.amount) AS amount
        FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id AND e.account = 'escrow:' || t.order_id
       WHERE t.kind IN ('release', 'fee')
       GROUP BY t.id, t.order_id, t.unique_key, t.kind
    )
    SELECT m.order_id, m.movement, o.service_fee_bps AS bps, sum(m.amount) AS released,
           coalesce(sum(m.amount) FILTER (WHERE m.kind = 'fee'), 0) AS fee
      FROM moves m JOIN orders o ON o.id = m.order_id
     GROUP BY m.order_id, m.movement, o.service_fee_bps
    HAVING coalesce(sum(m.amount) FILTER (WHERE m.kind = 'fee'), 0) <> floor(sum(m.amount) * o.service_fee_bps / 10000)`);
  for (const row of wrongFees) {
    violations.push(`order ${row.order_id}: ${row.movement} released ${row.released} with a fee of ${row.fee}, not ${row.bps} bps of it`);
  }

  const twice = await dataSource.query(
    `SELECT case_id FROM ledger_transactions WHERE kind IN ('refund', 'recovery') GROUP BY case_id HAVING count(*) > 1`,
  );
  for (const row of twice) violations.push(`case ${row.case_id} was refunded more than once`);

  // Net of reversals, a case pays out its refund once at most: what refund_payable holds lies between 0 and the refund.
  const overpaid = await dataSource.query(`
    SELECT case_id, sum(amount) AS payable, COALESCE(sum(amount) FILTER (WHERE kind IN ('refund', 'recovery')), 0) AS refunded
      FROM ledger_entries WHERE account LIKE 'refund_payable:%' GROUP BY case_id
    HAVING sum(amount) < 0 OR sum(amount) > COALESCE(sum(amount) FILTER (WHERE kind IN ('refund', 'recovery')), 0)`);
  for (const row of overpaid) violations.push(`case ${row.case_id}: refund_payable holds ${row.payable} of a ${row.refunded} refund`);

  // DOMAIN.md "Refund payouts": a resolved case with a positive refund has exactly one refund record.
  const refundRecords = await dataSource.query(`
    SELECT c.id, count(r.id)::int AS records FROM cases c LEFT JOIN refunds r ON r.case_id = c.id
     WHERE c.status = 'resolved' AND c.refund_amount > 0 GROUP BY c.id HAVING count(r.id) <> 1`);
  for (const row of refundRecords) violations.push(`resolved case ${row.id} has ${row.records} refund records`);
  return violations;
}
