import { createDataSource } from '@app/database';
import { ledgerViolations, newParties, openDispute, orderAt, Parties, RawLedger, startTestApp, SupplierFixtures, TestApp } from '@app/testing';
import { DataSource } from 'typeorm';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

const usd = (amount: number) => ({ amount, currency: 'USD' });

interface Entry {
  kind: string;
  account: string;
  amount: { amount: number };
}

describe('The service fee (e2e)', () => {
  let t: TestApp;
  let owner: DataSource;
  let parties: Parties;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), { POLICY_SERVICE_FEE_BPS: '250' });
    owner = await createDataSource(t.config.database.migrationUrl, 2).initialize();
    parties = await newParties();
  });
  afterEach(async () => expect(await ledgerViolations(owner)).toEqual([]));
  afterAll(async () => {
    await owner?.destroy();
    await t?.close();
  });

  async function ledgerOf(orderId: string) {
    const res = await t.http.get(`/v1/orders/${orderId}/ledger`).set(parties.buyer.auth).expect(200);
    const moves = (res.body.data as Entry[]).map((e) => [e.kind, e.account.replace(orderId, 'O').replace(parties.supplier.id, 'S'), e.amount.amount]);
    return { moves, balances: res.body.balances };
  }
  const balance = async (account: string) =>
    Number((await t.dataSource.query(`SELECT coalesce(sum(amount), 0)::bigint AS b FROM ledger_entries WHERE account = $1`, [account]))[0].b);

  it('sends 2.5 % of a release to platform_fees, rounded down, and the rest to the supplier; released counts both', async () => {
    const order = await orderAt(t.http, parties, 'completed', { amount: usd(12_345) });
    const { moves, balances } = await ledgerOf(order.id);
    expect(moves).toEqual([
      ['funding', 'buyer_funding', -12_345],
      ['funding', 'escrow:O', 12_345],
      ['release', 'escrow:O', -12_037],
      ['release', 'supplier:S', 12_037],
      ['fee', 'escrow:O', -308], // 308.625
      ['fee', 'platform_fees', 308],
    ]);
    expect(balances).toEqual({ held: usd(0), released: usd(12_345), refunded: usd(0) });
    const shown = await t.http.get(`/v1/orders/${order.id}`).set(parties.supplier.auth).expect(200);
    expect(shown.body.escrow).toEqual({ held: usd(0), released: usd(12_345), refunded: usd(0) });
  });

  it('takes the fee from what a resolution releases, never from the refund', async () => {
    const { caseId, orderId } = await openDispute(t.http, parties, 40_000);
    await t.http.post(`/v1/cases/${caseId}/offers`).set(parties.supplier.auth).send({ amount: usd(30_000) }).expect(200);
    await t.http.post(`/v1/cases/${caseId}/offers/accept`).set(parties.buyer.auth).send({ amount: usd(30_000) }).expect(200);
    const { moves, balances } = await ledgerOf(orderId);
    expect(moves.slice(2)).toEqual([
      ['refund', 'escrow:O', -30_000],
      [`refund`, `refund_payable:${caseId}`, 30_000],
      ['release', 'escrow:O', -68_250],
      ['release', 'supplier:S', 68_250],
      ['fee', 'escrow:O', -1_750], // 2.5 % of the 70,000 released
      ['fee', 'platform_fees', 1_750],
    ]);
    expect(balances).toEqual({ held: usd(0), released: usd(70_000), refunded: usd(30_000) });
  });

  it('recovers a refund after release in full from the supplier; the fee already taken stays with the platform', async () => {
    const supplier = await newParties();
    const { caseId, orderId } = await openDispute(t.http, supplier, 30_000, 'completed');
    const feesBefore = await balance('platform_fees');
    await t.http.post(`/v1/cases/${caseId}/offers/accept`).set(supplier.supplier.auth).send({ amount: usd(30_000) }).expect(200);
    const res = await t.http.get(`/v1/orders/${orderId}/ledger`).set(supplier.buyer.auth).expect(200);
    const recovery = (res.body.data as Entry[]).filter((e) => e.kind === 'recovery').map((e) => [e.account, e.amount.amount]);
    expect(recovery).toEqual([
      [`supplier:${supplier.supplier.id}`, -30_000],
      [`refund_payable:${caseId}`, 30_000],
    ]);
    expect(res.body.balances).toEqual({ held: usd(0), released: usd(100_000), refunded: usd(30_000) });
    expect(await balance(`supplier:${supplier.supplier.id}`)).toBe(97_500 - 30_000);
    expect(await balance('platform_fees')).toBe(feesBefore);
  });

  it('keeps the rate an order was placed under: a policy change does not touch orders already placed', async () => {
    const placed = await orderAt(t.http, parties, 'created');
    const [row] = await t.dataSource.query(`SELECT service_fee_bps FROM orders WHERE id = $1`, [placed.id]);
    expect(row.service_fee_bps).toBe(250);

    // An order placed before the fee existed (or under a policy of 0) completes here, under 250 bps: no fee.
    const before = new SupplierFixtures(t.dataSource, parties.buyer.id);
    const orderId = await before.order({ supplierId: parties.supplier.id, status: 'delivered', amount: 10_000 });
    await t.dataSource.query(`UPDATE orders SET paid_at = now(), shipped_at = now(), delivered_at = now() WHERE id = $1`, [orderId]);
    const ledger = await RawLedger.connect(t.config.database.url);
    await ledger.post({ kind: 'funding', orderId, key: `funding:${orderId}` }, [['buyer_funding', -10_000], [`escrow:${orderId}`, 10_000]]).finally(() => ledger.close());
    await t.http.post(`/v1/orders/${orderId}/receipt`).set(parties.buyer.auth).send().expect(200);
    expect((await ledgerOf(orderId)).moves.map(([kind]) => kind)).toEqual(['funding', 'funding', 'release', 'release']);
  });

  it('lets the database refuse a fee paid back, a fee to anyone else, and anything else touching platform_fees', async () => {
    const ledger = await RawLedger.connect(t.config.database.url);
    try {
      const order = await ledger.fundedOrder(10_000);
      await owner.query(`UPDATE orders SET service_fee_bps = 250 WHERE id = $1`, [order.id]);
      await ledger.post({ kind: 'release', orderId: order.id, key: `release:${order.id}` }, [[order.escrow, -9_750], [`supplier:${order.supplierId}`, 9_750]]);
      await ledger.post({ kind: 'fee', orderId: order.id, key: `fee:${order.id}` }, [[order.escrow, -250], ['platform_fees', 250]]);
      const feesBefore = await ledger.balance('platform_fees');
      const onlyFees = /platform_fees takes part in fees only/;
      const refusals: Array<[string, Array<[string, number]>, RegExp]> = [
        ['refund', [['platform_fees', -250], [order.escrow, 250]], onlyFees],
        ['release', [['platform_fees', -250], [`supplier:${order.supplierId}`, 250]], onlyFees],
        ['recovery', [['platform_fees', -250], [`supplier:${order.supplierId}`, 250]], onlyFees],
        ['fee', [[order.escrow, -250], [`supplier:${order.supplierId}`, 250]], onlyFees],
        ['fee', [['platform_fees', -250], [order.escrow, 250]], /only release, fee and refund take out of it/],
      ];
      for (const [kind, postings, refusal] of refusals) await expect(ledger.post({ kind, orderId: order.id }, postings)).rejects.toThrow(refusal);
      expect(await ledger.balance('platform_fees')).toBe(feesBefore);

      // A fee the code did not compute: the database lets a well-formed one through, the invariants checker does not.
      const wrong = await ledger.fundedOrder(10_000);
      await owner.query(`UPDATE orders SET service_fee_bps = 250 WHERE id = $1`, [wrong.id]);
      await ledger.post({ kind: 'release', orderId: wrong.id, key: `release:${wrong.id}` }, [[wrong.escrow, -9_000], [`supplier:${wrong.supplierId}`, 9_000]]);
      await ledger.post({ kind: 'fee', orderId: wrong.id, key: `fee:${wrong.id}` }, [[wrong.escrow, -1_000], ['platform_fees', 1_000]]);
      expect(await ledgerViolations(owner)).toEqual([`order ${wrong.id}: ${wrong.id} released 10000 with a fee of 1000, not 250 bps of it`]);
      // At 1,000 bps that fee is right; so the books satisfy the checker again for the tests that follow.
      await owner.query(`UPDATE orders SET service_fee_bps = 1000 WHERE id = $1`, [wrong.id]);
    } finally {
      await ledger.close();
    }
  });
});
