import { Money } from './money';

// Sign convention: a posting's amount is positive on the account the money moves
// INTO (debit) and negative on the account it leaves (credit). So an account's
// balance is the plain sum of its postings: escrow:<order> sums to what is held.

export const BUYER_FUNDING_ACCOUNT = 'buyer_funding';
export const GATEWAY_CLEARING_ACCOUNT = 'gateway_clearing';
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

/** Releases whatever the escrow still holds to the supplier; null when nothing is held. */
export function releaseTransaction(
  order: { id: string; supplierId: string; amount: Money },
  escrowHeld: number,
): LedgerTransaction | null {
  if (escrowHeld === 0) return null;
  return transfer('release', escrowAccount(order.id), supplierAccount(order.supplierId), escrowHeld, order.amount.currency);
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
}

/**
 * The money side of a resolved case: the refund from escrow and the rest to the
 * supplier, or, when the escrow was already released, a recovery from the
 * supplier's balance (which may go negative: the supplier then owes the platform).
 */
export function resolutionTransactions(input: ResolutionInput): LedgerTransaction[] {
  const { orderId, supplierId, caseId, currency, escrowHeld, refund } = input;
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
  if (escrowHeld > refund) transactions.push(transfer('release', escrow, supplierAccount(supplierId), escrowHeld - refund, currency));
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
 * release, refund, recovery; payouts and their reversals are ignored). When the refund came from
 * escrow, released + refunded + held = paid; after a recovery, released counts
 * the full release and refunded the recovery, so their sum exceeds paid by it.
 */
export function escrowBalances(entries: readonly LedgerEntry[]): EscrowBalances {
  const balances: EscrowBalances = { held: 0, released: 0, refunded: 0 };
  for (const { account, amount, kind } of entries) {
    if (account.startsWith(ESCROW)) balances.held += amount;
    else if (kind === 'release' && account.startsWith(SUPPLIER)) balances.released += amount;
    else if ((kind === 'refund' || kind === 'recovery') && account.startsWith(REFUND_PAYABLE)) balances.refunded += amount;
  }
  return balances;
}
