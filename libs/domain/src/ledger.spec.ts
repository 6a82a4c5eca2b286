import { usd } from './case-fixtures';
import {
  LedgerEntry,
  LedgerTransaction,
  assertBalanced,
  escrowBalances,
  fundingTransaction,
  payoutKeys,
  payoutReversalTransaction,
  payoutTransaction,
  releaseTransactions,
  serviceFee,
  resolutionTransactions,
} from './ledger';

const order = { id: 'o1', supplierId: 's1', amount: usd(10000), serviceFeeBps: 0 };
const resolution = { orderId: 'o1', supplierId: 's1', caseId: 'c1', currency: 'USD', serviceFeeBps: 0 };

/** What the ledger table would hold after these transactions. */
const entriesOf = (...txs: (LedgerTransaction | null)[]): LedgerEntry[] =>
  txs.flatMap((tx) => (tx ? tx.postings.map((posting) => ({ ...posting, kind: tx.kind })) : []));

const balanceOf = (entries: LedgerEntry[], account: string) =>
  entries.filter((entry) => entry.account === account).reduce((sum, entry) => sum + entry.amount, 0);

describe('ledger postings', () => {
  it('funding moves the order amount from buyer_funding into escrow (positive on the receiving side)', () => {
    expect(fundingTransaction(order)).toEqual({
      kind: 'funding',
      postings: [
        { account: 'buyer_funding', amount: -10000, currency: 'USD' },
        { account: 'escrow:o1', amount: 10000, currency: 'USD' },
      ],
    });
  });

  it('release moves what is held to the supplier, and is nothing when nothing is held', () => {
    expect(releaseTransactions(order, 10000)).toEqual([
      {
        kind: 'release',
        postings: [
          { account: 'escrow:o1', amount: -10000, currency: 'USD' },
          { account: 'supplier:s1', amount: 10000, currency: 'USD' },
        ],
      },
    ]);
    expect(releaseTransactions(order, 0)).toEqual([]);
  });

  it('a release with a service fee sends the fee to platform_fees and the rest to the supplier', () => {
    expect(releaseTransactions({ ...order, serviceFeeBps: 250 }, 10000)).toEqual([
      {
        kind: 'release',
        postings: [
          { account: 'escrow:o1', amount: -9750, currency: 'USD' },
          { account: 'supplier:s1', amount: 9750, currency: 'USD' },
        ],
      },
      {
        kind: 'fee',
        postings: [
          { account: 'escrow:o1', amount: -250, currency: 'USD' },
          { account: 'platform_fees', amount: 250, currency: 'USD' },
        ],
      },
    ]);
    // A fee that rounds down to nothing posts nothing; a fee of 100 % releases nothing to the supplier.
    expect(releaseTransactions({ ...order, serviceFeeBps: 250 }, 39).map((tx) => tx.kind)).toEqual(['release']);
    expect(releaseTransactions({ ...order, serviceFeeBps: 10_000 }, 500).map((tx) => tx.kind)).toEqual(['fee']);
  });

  it('a resolution from escrow takes the fee from the released rest, never from the refund', () => {
    const txs = resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 3000, serviceFeeBps: 250 });
    expect(txs.map((tx) => [tx.kind, tx.postings[1]])).toEqual([
      ['refund', { account: 'refund_payable:c1', amount: 3000, currency: 'USD' }],
      ['release', { account: 'supplier:s1', amount: 6825, currency: 'USD' }], // 7000 - 175
      ['fee', { account: 'platform_fees', amount: 175, currency: 'USD' }],
    ]);
    // After release, the refund is recovered whole from the supplier; the fee already taken stays where it is.
    expect(resolutionTransactions({ ...resolution, escrowHeld: 0, refund: 3000, serviceFeeBps: 250 })).toEqual([
      {
        kind: 'recovery',
        postings: [
          { account: 'supplier:s1', amount: -3000, currency: 'USD' },
          { account: 'refund_payable:c1', amount: 3000, currency: 'USD' },
        ],
      },
    ]);
  });

  it('a resolution from escrow: refund to refund_payable, the rest to the supplier', () => {
    const txs = resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 3000 });
    expect(txs).toEqual([
      {
        kind: 'refund',
        postings: [
          { account: 'escrow:o1', amount: -3000, currency: 'USD' },
          { account: 'refund_payable:c1', amount: 3000, currency: 'USD' },
        ],
      },
      {
        kind: 'release',
        postings: [
          { account: 'escrow:o1', amount: -7000, currency: 'USD' },
          { account: 'supplier:s1', amount: 7000, currency: 'USD' },
        ],
      },
    ]);
  });

  it('a full refund releases nothing; no refund releases everything', () => {
    expect(resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 10000 }).map((tx) => tx.kind)).toEqual(['refund']);
    expect(resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 0 }).map((tx) => tx.kind)).toEqual(['release']);
  });

  it('a resolution after release recovers the refund from the supplier balance, which may go negative', () => {
    const txs = resolutionTransactions({ ...resolution, escrowHeld: 0, refund: 3000 });
    expect(txs).toEqual([
      {
        kind: 'recovery',
        postings: [
          { account: 'supplier:s1', amount: -3000, currency: 'USD' },
          { account: 'refund_payable:c1', amount: 3000, currency: 'USD' },
        ],
      },
    ]);
    expect(balanceOf(entriesOf(...txs), 'supplier:s1')).toBe(-3000);
    expect(resolutionTransactions({ ...resolution, escrowHeld: 0, refund: 0 })).toEqual([]);
  });

  it('never takes more out of escrow than it holds', () => {
    expect(() => resolutionTransactions({ ...resolution, escrowHeld: 2000, refund: 3000 })).toThrow(/exceeds/);
    expect(() => resolutionTransactions({ ...resolution, escrowHeld: 2000, refund: -1 })).toThrow();
  });

  it('payout moves the refund from refund_payable to gateway_clearing', () => {
    expect(payoutTransaction('c1', usd(3000)).postings).toEqual([
      { account: 'refund_payable:c1', amount: -3000, currency: 'USD' },
      { account: 'gateway_clearing', amount: 3000, currency: 'USD' },
    ]);
  });

  it('a reversal brings a failed payout back from gateway_clearing to refund_payable', () => {
    const entries = entriesOf(payoutTransaction('c1', usd(3000)), payoutReversalTransaction('c1', usd(3000)));
    expect(entries.slice(2)).toEqual([
      { account: 'gateway_clearing', amount: -3000, currency: 'USD', kind: 'payout_reversal' },
      { account: 'refund_payable:c1', amount: 3000, currency: 'USD', kind: 'payout_reversal' },
    ]);
    expect(balanceOf(entries, 'gateway_clearing')).toBe(0);
  });

  it('payout postings are keyed per case and send attempt', () => {
    expect(payoutKeys('c1', 1)).toEqual({ payout: 'payout:case:c1:attempt:1', reversal: 'payout_reversal:case:c1:attempt:1' });
    expect(payoutKeys('c1', 2).payout).not.toBe(payoutKeys('c1', 1).payout);
  });

  it('every builder produces balanced transactions', () => {
    const all = [
      fundingTransaction(order),
      ...releaseTransactions({ ...order, serviceFeeBps: 250 }, 10000),
      ...resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 3000, serviceFeeBps: 333 }),
      ...resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 3000 }),
      ...resolutionTransactions({ ...resolution, escrowHeld: 0, refund: 3000 }),
      payoutTransaction('c1', usd(3000)),
      payoutReversalTransaction('c1', usd(3000)),
    ];
    for (const tx of all) expect(() => assertBalanced(tx)).not.toThrow();
  });
});

describe('serviceFee', () => {
  it.each([
    [10000, 250, 250],
    [7000, 250, 175],
    [39, 250, 0], // 0.975 rounds down
    [41, 250, 1],
    [12345, 333, 411], // 411.0885
    [10000, 0, 0],
    [10000, 10_000, 10000],
    [Number.MAX_SAFE_INTEGER, 10_000, Number.MAX_SAFE_INTEGER], // no floating point on the way
  ])('%i at %i bps is %i', (released, bps, fee) => {
    expect(serviceFee(released, bps)).toBe(fee);
  });

  it('refuses rates outside 0 to 10,000 bps and amounts that are not whole minor units', () => {
    expect(() => serviceFee(100, -1)).toThrow();
    expect(() => serviceFee(100, 10_001)).toThrow();
    expect(() => serviceFee(100, 2.5)).toThrow();
    expect(() => serviceFee(0.5, 250)).toThrow();
  });
});

describe('assertBalanced', () => {
  const posting = (account: string, amount: number, currency = 'USD') => ({ account, amount, currency });

  it.each([
    ['off by one', [posting('a', -100), posting('b', 99)]],
    ['a zero posting', [posting('a', 0), posting('b', 0)]],
    ['a single posting', [posting('a', 100)]],
    ['balanced only across currencies', [posting('a', -100, 'USD'), posting('b', 100, 'EUR')]],
    ['a fractional amount', [posting('a', -0.5), posting('b', 0.5)]],
  ])('refuses %s', (_why, postings) => {
    expect(() => assertBalanced({ kind: 'funding', postings })).toThrow();
  });

  it('accepts a multi-currency transaction balanced per currency', () => {
    const postings = [posting('a', -100, 'USD'), posting('b', 100, 'USD'), posting('c', -5, 'EUR'), posting('d', 5, 'EUR')];
    expect(() => assertBalanced({ kind: 'payout', postings })).not.toThrow();
  });
});

describe('escrowBalances', () => {
  it('funded only: everything held', () => {
    expect(escrowBalances(entriesOf(fundingTransaction(order)))).toEqual({ held: 10000, released: 0, refunded: 0 });
  });

  it.each([0, 1, 3000, 9999, 10000])('released + refunded + held = paid after a refund of %i from escrow', (refund) => {
    const entries = entriesOf(
      fundingTransaction(order),
      ...resolutionTransactions({ ...resolution, escrowHeld: 10000, refund }),
      ...(refund > 0 ? [payoutTransaction('c1', usd(refund))] : []),
    );
    const balances = escrowBalances(entries);
    expect(balances).toEqual({ held: 0, released: 10000 - refund, refunded: refund });
    expect(balances.released + balances.refunded + balances.held).toBe(order.amount.amount);
    expect(balances.held).toBe(balanceOf(entries, 'escrow:o1'));
  });

  it('holds the sum while a case is open', () => {
    const balances = escrowBalances(entriesOf(fundingTransaction(order)));
    expect(balances.released + balances.refunded + balances.held).toBe(10000);
  });

  it('a reversed payout changes nothing in the escrow figures', () => {
    const entries = entriesOf(
      fundingTransaction(order),
      ...resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 3000 }),
      payoutTransaction('c1', usd(3000)),
      payoutReversalTransaction('c1', usd(3000)),
      payoutTransaction('c1', usd(3000)),
    );
    expect(escrowBalances(entries)).toEqual({ held: 0, released: 7000, refunded: 3000 });
  });

  it('a recovery after release counts as refunded; the release stays whole', () => {
    const entries = entriesOf(
      fundingTransaction(order),
      ...releaseTransactions(order, 10000),
      ...resolutionTransactions({ ...resolution, escrowHeld: 0, refund: 3000 }),
    );
    expect(escrowBalances(entries)).toEqual({ held: 0, released: 10000, refunded: 3000 });
  });

  it('released counts the service fee: it left the escrow', () => {
    const entries = entriesOf(
      fundingTransaction(order),
      ...resolutionTransactions({ ...resolution, escrowHeld: 10000, refund: 3000, serviceFeeBps: 250 }),
    );
    expect(escrowBalances(entries)).toEqual({ held: 0, released: 7000, refunded: 3000 });
    expect(balanceOf(entries, 'supplier:s1') + balanceOf(entries, 'platform_fees')).toBe(7000);
  });
});
