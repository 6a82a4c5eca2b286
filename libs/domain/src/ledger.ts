import { Money } from './money';

// Sign convention: a posting's amount is positive on the account the money moves
// INTO (debit) and negative on the account it leaves (credit). So an account's
// balance is the plain sum of its postings: escrow:<order> sums to what is held.

export const BUYER_FUNDING_ACCOUNT = 'buyer_funding';
export const GATEWAY_CLEARING_ACCOUNT = 'gateway_clearing';
/** Where the platform's service fee goes (DOMAIN.md "Money: the ledger"); one account, one balance per currency. */
export const PLATFORM_FEES_ACCOUNT = 'platform_fees';
const ESCROW = 'escrow:';
const SUPPLIER = 'supplier:';
const REFUND_PAYABLE = 'refund_payable:';
export const escrowAccount = (orderId: string): string => ESCROW + orderId;
export const supplierAccount = (supplierId: string): string => SUPPLIER + supplierId;
export const refundPayableAccount = (caseId: string): string => REFUND_PAYABLE + caseId;

export const LEDGER_KINDS = ['funding', 'release', 'fee', 'refund', 'recovery', 'payout', 'payout_reversal'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface Posting {
  account: string;
  /** Signed minor units, see the sign convention above. */
  amount: number;
  currency: string;
}

export interface LedgerTransaction {
  kind: LedgerKind;
  postings: Posting[];
}

/** A stored posting with the kind of its transaction, as the ledger table holds it. */
export interface LedgerEntry extends Posting {
  kind: LedgerKind;
}

function transfer(kind: LedgerKind, from: string, to: string, amount: number, currency: string): LedgerTransaction {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`${kind} amount must be a positive integer, got ${amount}`);
  return {
    kind,
    postings: [
      { account: from, amount: -amount, currency },
      { account: to, amount, currency },
    ],
  };
}

export function fundingTransaction(order: { id: string; amount: Money }): LedgerTransaction {
  return transfer('funding', BUYER_FUNDING_ACCOUNT, escrowAccount(order.id), order.amount.amount, order.amount.currency);
}

/** Basis points are hundredths of a percent: 250 bps is 2.5 %. */
export const MAX_SERVICE_FEE_BPS = 10_000;

/**
 * The platform's service fee on a release of `released` minor units: `feeBps` basis points of it, rounded down to
 * the minor unit (the supplier is never charged a fraction of a cent more than the rate). Integer arithmetic, exact
 * for any safe amount.
 */
export function serviceFee(released: number, feeBps: number): number {
  if (!Number.isSafeInteger(released) || released < 0) throw new Error(`released must be a non-negative integer, got ${released}`);
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > MAX_SERVICE_FEE_BPS) throw new Error(`fee must be 0 to ${MAX_SERVICE_FEE_BPS} bps, got ${feeBps}`);
  return Number((BigInt(released) * BigInt(feeBps)) / BigInt(MAX_SERVICE_FEE_BPS));
}

/**
 * A release of `amount` out of the order's escrow: the service fee to platform_fees (kind `fee`) and the rest to the
 * supplier (kind `release`), each only when it is more than nothing. Both leave the escrow, so both count as released.
 */
function releaseWithFee(orderId: string, supplierId: string, amount: number, currency: string, feeBps: number): LedgerTransaction[] {
  const fee = serviceFee(amount, feeBps);
  const transactions: LedgerTransaction[] = [];
  if (amount > fee) transactions.push(transfer('release', escrowAccount(orderId), supplierAccount(supplierId), amount - fee, currency));
  if (fee > 0) transactions.push(transfer('fee', escrowAccount(orderId), PLATFORM_FEES_ACCOUNT, fee, currency));
  return transactions;
}

/** Releases whatever the escrow still holds to the supplier, less the service fee; nothing when nothing is held. */
export function releaseTransactions(
  order: { id: string; supplierId: string; amount: Money; serviceFeeBps: number },
  escrowHeld: number,
): LedgerTransaction[] {
  if (!Number.isSafeInteger(escrowHeld) || escrowHeld < 0) throw new Error(`escrow held must be a non-negative integer, got ${escrowHeld}`);
  return releaseWithFee(order.id, order.supplierId, escrowHeld, order.amount.currency, order.serviceFeeBps);
}

export interface ResolutionInput {
  orderId: string;
  supplierId: string;
  caseId: string;
  currency: string;
  /** What escrow:<orderId> holds now; 0 when it was released before the case ended. */
  escrowHeld: number;
  /** The final refund in minor units, 0 for none. */
  refund: number;
  /** The order's service fee, taken from what is released to the supplier (never from a refund or a recovery). */
  serviceFeeBps: number;
}

/**
 * The money side of a resolved case: the refund from escrow and the rest to the
 * supplier (less the service fee), or, when the escrow was already released, a recovery
 * of the whole refund from the supplier's balance (which may go negative: the supplier
 * then owes the platform). A fee once taken is never given back.
 */
export function resolutionTransactions(input: ResolutionInput): LedgerTransaction[] {
  const { orderId, supplierId, caseId, currency, escrowHeld, refund, serviceFeeBps } = input;
  if (!Number.isSafeInteger(refund) || refund < 0) throw new Error(`refund must be a non-negative integer, got ${refund}`);
  if (!Number.isSafeInteger(escrowHeld) || escrowHeld < 0) throw new Error(`escrow held must be a non-negative integer, got ${escrowHeld}`);
  const escrow = escrowAccount(orderId);
  if (escrowHeld === 0) {
    return refund === 0 ? [] : [transfer('recovery', supplierAccount(supplierId), refundPayableAccount(caseId), refund, currency)];
  }
  // An escrow account never goes negative: a refund above what it holds is a bug upstream.
  if (refund > escrowHeld) throw new Error(`refund ${refund} exceeds the ${escrowHeld} held in ${escrow}`);
  const transactions: LedgerTransaction[] = [];
  if (refund > 0) transactions.push(transfer('refund', escrow, refundPayableAccount(caseId), refund, currency));
  transactions.push(...releaseWithFee(orderId, supplierId, escrowHeld - refund, currency, serviceFeeBps));
  return transactions;
}

/** A sent payout leaves the platform through the payment gateway. */
export function payoutTransaction(caseId: string, refund: Money): LedgerTransaction {
  return transfer('payout', refundPayableAccount(caseId), GATEWAY_CLEARING_ACCOUNT, refund.amount, refund.currency);
}

/** A payout the gateway reported failed after it was sent comes back, payable again until it is sent anew. */
export function payoutReversalTransaction(caseId: string, refund: Money): LedgerTransaction {
  return transfer('payout_reversal', GATEWAY_CLEARING_ACCOUNT, refundPayableAccount(caseId), refund.amount, refund.currency);
}

/**
 * Unique keys of a refund's payout postings, one pair per send attempt: each attempt is paid out at most once and
 * reversed at most once, so however often a worker repeats itself, the case's net payout is at most one refund.
 */
export const payoutKeys = (caseId: string, attempt: number) => ({
  payout: `payout:case:${caseId}:attempt:${attempt}`,
  reversal: `payout_reversal:case:${caseId}:attempt:${attempt}`,
});

/** Guard before writing: every currency sums to zero and no posting is empty. */
export function assertBalanced(tx: LedgerTransaction): void {
  if (tx.postings.length < 2) throw new Error(`${tx.kind} transaction needs at least two postings`);
  const sums = new Map<string, number>();
  for (const posting of tx.postings) {
    if (!Number.isSafeInteger(posting.amount) || posting.amount === 0) {
      throw new Error(`${tx.kind} transaction has a ${posting.amount} posting on ${posting.account}`);
    }
    sums.set(posting.currency, (sums.get(posting.currency) ?? 0) + posting.amount);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) throw new Error(`${tx.kind} transaction is off by ${sum} ${currency}`);
  }
}

export interface EscrowBalances {
  held: number;
  released: number;
  refunded: number;
}

/**
 * An order's escrow figures from the entries of its transactions (funding,
 * release, fee, refund, recovery; payouts and their reversals are ignored). `released` is what left the
 * escrow for the supplier, the service fee included. When the refund came from escrow,
 * released + refunded + held = paid; after a recovery, released counts the full release
 * and refunded the recovery, so their sum exceeds paid by it.
 */
export function escrowBalances(entries: readonly LedgerEntry[]): EscrowBalances {
  const balances: EscrowBalances = { held: 0, released: 0, refunded: 0 };
  for (const { account, amount, kind } of entries) {
    if (account.startsWith(ESCROW)) {
      balances.held += amount;
      if (kind === 'release' || kind === 'fee') balances.released -= amount;
    } else if ((kind === 'refund' || kind === 'recovery') && account.startsWith(REFUND_PAYABLE)) balances.refunded += amount;
  }
  return balances;
}
