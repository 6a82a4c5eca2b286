import { createTestEnv, ledgerViolations, RawLedger } from '@app/testing';
import { createDataSource } from '@app/database';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Issue 9, "Money": DOMAIN.md's ledger invariants are checked by the database, not only by the code. Every test
 * writes raw SQL as the apps' role (what a bug or an injected statement could send) and the database refuses
 * what breaks an invariant, while the postings the system makes still pass.
 */
describe('Security: every ledger invariant is enforced by the database itself (raw SQL as the apps\' role)', () => {
  let ledger: RawLedger;
  let other: RawLedger;
  let owner: DataSource;

  beforeAll(async () => {
    const env = await createTestEnv();
    ledger = await RawLedger.connect(env.DATABASE_URL);
    other = await RawLedger.connect(env.DATABASE_URL);
    owner = await createDataSource(env.DATABASE_MIGRATION_URL, 2).initialize();
  });
  afterAll(async () => {
    await ledger?.close();
    await other?.close();
    await owner?.destroy();
  });

  // Whatever the tests refused, what is left in the books still satisfies the code's own reading of the rules.
  afterEach(async () => expect(await ledgerViolations(owner)).toEqual([]));

  describe('a ledger transaction is complete when it commits', () => {
    it('sums to zero, has at least two entries, and nothing can be added to it once it is committed', async () => {
      const unpaid = await ledger.order();
      await expect(ledger.post({ kind: 'funding', orderId: unpaid.id }, [['buyer_funding', -100_000], [unpaid.escrow, 99_999]])).rejects.toThrow(
        /does not balance/,
      );
      const order = await ledger.fundedOrder();
      await expect(ledger.post({ kind: 'release', orderId: order.id }, [])).rejects.toThrow(/needs at least two entries/);

      // A balanced pair added to yesterday's funding would double the escrow without a new transaction.
      const funding = await ledger.client.query(`SELECT id FROM ledger_transactions WHERE order_id = $1 AND kind = 'funding'`, [order.id]);
      const late = ledger.transaction(() =>
        ledger.entries(funding.rows[0].id, { kind: 'funding', orderId: order.id }, [['buyer_funding', -5], [order.escrow, 5]]),
      );
      await expect(late).rejects.toThrow(/was committed already/);
      expect(await ledger.balance(order.escrow)).toBe(100_000);
    });

    it('every entry carries its transaction\'s kind, order and case', async () => {
      const order = await ledger.fundedOrder();
      const other = await ledger.fundedOrder();
      // Entries labelled `funding` inside a release header: the escrow checks would count them as money paid in.
      const mislabelled = ledger.transaction(async () => {
        const id = await ledger.insert({ kind: 'release', orderId: order.id }, []);
        await ledger.entries(id, { kind: 'funding', orderId: order.id }, [[order.escrow, -100_000], [`supplier:${order.supplierId}`, 100_000]]);
      });
      await expect(mislabelled).rejects.toThrow(/does not carry the kind, order and case/);
      // The same with header and entries in one statement, where the header is not visible to the entries yet.
      const oneStatement = ledger.client.query(
        `WITH h AS (INSERT INTO ledger_transactions (id, unique_key, kind, order_id) VALUES ($1, $2, 'release', $3))
         INSERT INTO ledger_entries (transaction_id, account, amount, currency, kind, order_id)
         VALUES ($1, $4, -100000, 'USD', 'funding', $3), ($1, $5, 100000, 'USD', 'funding', $3)`,
        [randomUUID(), `raw:${randomUUID()}`, order.id, order.escrow, `supplier:${order.supplierId}`],
      );
      await expect(oneStatement).rejects.toThrow(/does not carry the kind, order and case/);
      // Another order's escrow, drained under this order's name.
      await expect(
        ledger.post({ kind: 'release', orderId: order.id }, [[other.escrow, -100_000], [`supplier:${order.supplierId}`, 100_000]]),
      ).rejects.toThrow(/belongs to order/);
    });
  });

  describe('an escrow account never goes negative', () => {
    it('refuses a release of more than the escrow holds', async () => {
      const order = await ledger.fundedOrder(100_000);
      await expect(
        ledger.post({ kind: 'release', orderId: order.id }, [[order.escrow, -100_001], [`supplier:${order.supplierId}`, 100_001]]),
      ).rejects.toThrow(/would go negative/);
      expect(await ledger.balance(order.escrow)).toBe(100_000);
    });

    it('refuses the second of two concurrent withdrawals that each fit but not together', async () => {
      const order = await ledger.fundedOrder(100_000);
      const release = (raw: RawLedger) =>
        raw.insert({ kind: 'release', orderId: order.id }, [[order.escrow, -60_000], [`supplier:${order.supplierId}`, 60_000]]);
      await ledger.client.query('BEGIN');
      await other.client.query('BEGIN');
      await release(ledger);
      await release(other);
      const commits = await Promise.allSettled([ledger.client.query('COMMIT'), other.client.query('COMMIT')]);
      const refused = commits.filter((c): c is PromiseRejectedResult => c.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(String(refused[0].reason)).toMatch(/would go negative/);
      expect(await ledger.balance(order.escrow)).toBe(40_000);
    });

    it('refuses ledger writes under REPEATABLE READ, whose snapshot would hide a concurrent withdrawal', async () => {
      const order = await ledger.fundedOrder(100_000);
      const release = ledger.transaction(
        () => ledger.insert({ kind: 'release', orderId: order.id }, [[order.escrow, -1], [`supplier:${order.supplierId}`, 1]]),
        'BEGIN ISOLATION LEVEL REPEATABLE READ',
      );
      await expect(release).rejects.toThrow(/READ COMMITTED or SERIALIZABLE/);
    });
  });

  describe('for every order, released (fees included) + refunded out of escrow + held = paid', () => {
    it('escrow is funded once, with the order\'s amount', async () => {
      const order = await ledger.fundedOrder(100_000);
      await expect(ledger.post({ kind: 'funding', orderId: order.id }, [['buyer_funding', -100_000], [order.escrow, 100_000]])).rejects.toThrow(
        /is funded with 200000 but order .* is for 100000/,
      );
      const short = await ledger.order(100_000);
      await expect(ledger.post({ kind: 'funding', orderId: short.id }, [['buyer_funding', -90_000], [short.escrow, 90_000]])).rejects.toThrow(
        /is funded with 90000/,
      );
    });

    it('only funding pays into escrow and only release, fee and refund take out of it', async () => {
      const order = await ledger.fundedOrder(100_000);
      const caseId = randomUUID();
      // A "recovery" straight out of escrow would refund without counting as refunded out of escrow.
      await expect(
        ledger.post({ kind: 'recovery', orderId: order.id, caseId }, [[order.escrow, -1_000], [`refund_payable:${caseId}`, 1_000]]),
      ).rejects.toThrow(/only funding pays into escrow/);
      // A "release" back into escrow, paid for by the supplier.
      await expect(
        ledger.post({ kind: 'release', orderId: order.id }, [[`supplier:${order.supplierId}`, -1_000], [order.escrow, 1_000]]),
      ).rejects.toThrow(/only funding pays into escrow/);
      // buyer_funding is touched by funding only.
      await expect(
        ledger.post({ kind: 'release', orderId: order.id }, [[order.escrow, -1_000], ['buyer_funding', 1_000]]),
      ).rejects.toThrow(/buyer_funding takes part in funding only/);
    });

    it('accepts a fee from escrow as released, and the refund and the rest released', async () => {
      const order = await ledger.fundedOrder(100_000);
      // A 1 % fee on the 70,000 released, keyed as the case store keys a resolution's release and its fee.
      await owner.query(`UPDATE orders SET service_fee_bps = 100 WHERE id = $1`, [order.id]);
      const caseId = randomUUID();
      await ledger.post({ kind: 'refund', orderId: order.id, caseId }, [[order.escrow, -30_000], [`refund_payable:${caseId}`, 30_000]]);
      await ledger.transaction(async () => {
        await ledger.insert({ kind: 'fee', orderId: order.id, key: `fee:case:${caseId}` }, [[order.escrow, -700], ['platform_fees', 700]]);
        await ledger.insert({ kind: 'release', orderId: order.id, key: `release:case:${caseId}` }, [[order.escrow, -69_300], [`supplier:${order.supplierId}`, 69_300]]);
      });
      expect(await ledger.balance(order.escrow)).toBe(0);
      expect(await ledger.balance('platform_fees')).toBe(700);
    });
  });

  describe('a case is refunded at most once (net of reversals)', () => {
    it('refuses a second refund or a recovery on top of a refund', async () => {
      const order = await ledger.fundedOrder(100_000);
      const caseId = randomUUID();
      const refund = () => ledger.post({ kind: 'refund', orderId: order.id, caseId }, [[order.escrow, -10_000], [`refund_payable:${caseId}`, 10_000]]);
      await refund();
      await expect(refund()).rejects.toThrow(/refunded more than once/);
      await expect(
        ledger.post({ kind: 'recovery', orderId: order.id, caseId }, [[`supplier:${order.supplierId}`, -10_000], [`refund_payable:${caseId}`, 10_000]]),
      ).rejects.toThrow(/refunded more than once/);
      expect(await ledger.balance(`refund_payable:${caseId}`)).toBe(10_000);
    });

    it('pays out at most the refund, reverses only what was paid out, and may pay again after a reversal', async () => {
      const order = await ledger.fundedOrder(100_000);
      const caseId = randomUUID();
      const payable = `refund_payable:${caseId}`;
      const ref = { orderId: order.id, caseId };
      await ledger.post({ kind: 'refund', ...ref }, [[order.escrow, -10_000], [payable, 10_000]]);
      const payout = () => ledger.post({ kind: 'payout', ...ref }, [[payable, -10_000], ['gateway_clearing', 10_000]]);
      const reversal = () => ledger.post({ kind: 'payout_reversal', ...ref }, [['gateway_clearing', -10_000], [payable, 10_000]]);

      await expect(reversal()).rejects.toThrow(/reverses 10000 more than it paid out/);
      await payout();
      await expect(payout()).rejects.toThrow(/paid out 10000 more than it refunds/);
      await reversal();
      await payout();
      expect(await ledger.balance(payable)).toBe(0);
    });

    it('moves a case\'s money through its own refund_payable account only', async () => {
      const order = await ledger.fundedOrder(100_000);
      const caseId = randomUUID();
      // A payout from the supplier's balance straight to the gateway would bypass the case's books.
      await expect(
        ledger.post({ kind: 'payout', orderId: order.id, caseId }, [[`supplier:${order.supplierId}`, -5_000], ['gateway_clearing', 5_000]]),
      ).rejects.toThrow(/gateway_clearing takes part in payouts and reversals only, which move refund_payable only/);
      // Another case's refund_payable.
      await expect(
        ledger.post({ kind: 'refund', orderId: order.id, caseId }, [[`refund_payable:${randomUUID()}`, 5_000], [order.escrow, -5_000]]),
      ).rejects.toThrow(/belongs to case/);
      // Money out through the gateway under another name.
      await expect(ledger.post({ kind: 'release', orderId: order.id }, [[order.escrow, -5_000], ['gateway_clearing', 5_000]])).rejects.toThrow(
        /gateway_clearing takes part in payouts and reversals only/,
      );
    });
  });

  describe('the checks cannot be pointed elsewhere', () => {
    it('a temporary table named ledger_entries does not blind them (their search_path is pinned)', async () => {
      const order = await ledger.fundedOrder(100_000);
      await ledger.client.query(`CREATE TEMP TABLE ledger_entries (LIKE public.ledger_entries)`);
      try {
        const overdraw = ledger.transaction(async () => {
          const id = randomUUID();
          await ledger.client.query(
            `INSERT INTO public.ledger_transactions (id, unique_key, kind, order_id) VALUES ($1, $2, 'release', $3)`,
            [id, `raw:${id}`, order.id],
          );
          await ledger.client.query(
            `INSERT INTO public.ledger_entries (transaction_id, account, amount, currency, kind, order_id)
             VALUES ($1, $2, -500000, 'USD', 'release', $3), ($1, $4, 500000, 'USD', 'release', $3)`,
            [id, order.escrow, order.id, `supplier:${order.supplierId}`],
          );
        });
        await expect(overdraw).rejects.toThrow(/would go negative/);
      } finally {
        await ledger.client.query(`DROP TABLE pg_temp.ledger_entries`);
      }
    });
  });

  it('the postings of a whole case pass: funding, refund and release, payout, reversal, payout again', async () => {
    const order = await ledger.order(100_000);
    const caseId = randomUUID();
    const payable = `refund_payable:${caseId}`;
    const ref = { orderId: order.id, caseId };
    // As the system writes them: each movement in one transaction, entries in one statement.
    await ledger.post({ kind: 'funding', orderId: order.id }, [['buyer_funding', -100_000], [order.escrow, 100_000]]);
    await ledger.transaction(async () => {
      await ledger.insert({ kind: 'refund', ...ref }, [[order.escrow, -25_000], [payable, 25_000]]);
      await ledger.insert({ kind: 'release', orderId: order.id }, [[order.escrow, -75_000], [`supplier:${order.supplierId}`, 75_000]]);
    });
    await ledger.post({ kind: 'payout', ...ref }, [[payable, -25_000], ['gateway_clearing', 25_000]]);
    await ledger.post({ kind: 'payout_reversal', ...ref }, [['gateway_clearing', -25_000], [payable, 25_000]]);
    await ledger.post({ kind: 'payout', ...ref }, [[payable, -25_000], ['gateway_clearing', 25_000]]);
    expect(await ledger.balance(order.escrow)).toBe(0);
    expect(await ledger.balance(payable)).toBe(0);

    // A recovery after release comes from the supplier's balance and is counted apart from the escrow.
    const released = await ledger.fundedOrder(50_000);
    const lateCase = randomUUID();
    await ledger.post({ kind: 'release', orderId: released.id }, [[released.escrow, -50_000], [`supplier:${released.supplierId}`, 50_000]]);
    await ledger.post({ kind: 'recovery', orderId: released.id, caseId: lateCase }, [
      [`supplier:${released.supplierId}`, -30_000],
      [`refund_payable:${lateCase}`, 30_000],
    ]);
    expect(await ledger.balance(`supplier:${released.supplierId}`)).toBe(20_000);
  });
});
