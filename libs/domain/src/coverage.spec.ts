import { domainErrorOf, usd } from './case-fixtures';
import { CoverageInput, CoverageOrder, DISPUTE_REASONS, DisputeReason, assertCoverage } from './coverage';
import { DEFAULT_POLICY } from './policy';

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

const PAID: CoverageOrder = {
  amount: usd(10000),
  tradeAssurance: true,
  customized: false,
  status: 'in_escrow',
  paidAt: d('2030-01-01'),
  shipBy: d('2030-01-10'),
  shippedAt: null,
  deliveredAt: null,
  receiptConfirmedAt: null,
};
const SHIPPED: CoverageOrder = { ...PAID, status: 'shipped', shippedAt: d('2030-01-08') };
const DELIVERED: CoverageOrder = { ...SHIPPED, status: 'delivered', deliveredAt: d('2030-01-20') };
const COMPLETED: CoverageOrder = { ...DELIVERED, status: 'completed', receiptConfirmedAt: d('2030-01-25') };

const input = (overrides: Partial<CoverageInput>): CoverageInput => ({
  order: DELIVERED,
  reason: 'damaged',
  claim: usd(5000),
  now: d('2030-01-21'),
  policy: DEFAULT_POLICY,
  hasOpenCase: false,
  ...overrides,
});
const refusal = (overrides: Partial<CoverageInput>) => domainErrorOf(() => assertCoverage(input(overrides)));

describe('assertCoverage', () => {
  it('lists the six dispute reasons', () => {
    expect(DISPUTE_REASONS).toHaveLength(6);
  });

  it('accepts a quality claim on delivered goods', () => {
    expect(() => assertCoverage(input({}))).not.toThrow();
  });

  describe('not_covered', () => {
    it.each([
      ['a supplier outside Trade Assurance', { order: { ...DELIVERED, tradeAssurance: false } }],
      ['customised goods', { order: { ...DELIVERED, customized: true } }],
      ['an unpaid order', { order: { ...PAID, status: 'awaiting_payment', paidAt: null }, reason: 'not_shipped_on_time', now: d('2030-02-01') }],
      ['not_shipped_on_time before the ship-by date', { order: PAID, reason: 'not_shipped_on_time', now: d('2030-01-09') }],
      ['not_shipped_on_time when it shipped on time', { order: SHIPPED, reason: 'not_shipped_on_time', now: d('2030-01-20') }],
      ['not_received before it shipped', { order: PAID, reason: 'not_received', now: d('2030-03-01') }],
      ['not_received once delivered', { order: DELIVERED, reason: 'not_received', now: d('2030-03-01') }],
      ['not_received within 30 days of shipment', { order: SHIPPED, reason: 'not_received', now: d('2030-02-06') }],
      ['a quality claim before delivery', { order: SHIPPED, reason: 'wrong_item', now: d('2030-01-15') }],
    ] as [string, Partial<CoverageInput>][])('%s', (_why, overrides) => {
      expect(refusal(overrides).code).toBe('not_covered');
    });
  });

  it.each([
    ['the ship-by date passed unshipped', { order: PAID, reason: 'not_shipped_on_time', now: d('2030-01-11') }],
    ['it shipped late', { order: { ...SHIPPED, shippedAt: d('2030-01-12') }, reason: 'not_shipped_on_time', now: d('2030-01-13') }],
    ['30 days after shipment, still undelivered', { order: SHIPPED, reason: 'not_received', now: d('2030-02-07') }],
  ] as [string, Partial<CoverageInput>][])('covers %s', (_why, overrides) => {
    expect(() => assertCoverage(input(overrides))).not.toThrow();
  });

  describe('claim_window_closed', () => {
    it.each(DISPUTE_REASONS.filter((reason) => reason !== 'not_shipped_on_time' && reason !== 'not_received'))(
      '%s: 30 days after delivery when receipt was never confirmed',
      (reason) => {
        expect(() => assertCoverage(input({ reason, now: d('2030-02-19') }))).not.toThrow();
        expect(refusal({ reason, now: new Date('2030-02-19T00:00:00.001Z') }).code).toBe('claim_window_closed');
      },
    );

    it('counts from the receipt confirmation when there is one', () => {
      expect(() => assertCoverage(input({ order: COMPLETED, now: d('2030-02-24') }))).not.toThrow();
      expect(refusal({ order: COMPLETED, now: d('2030-02-25') }).code).toBe('claim_window_closed');
    });

    it('also closes a late-shipment claim once the goods were received (our decision)', () => {
      const late: CoverageOrder = { ...COMPLETED, shippedAt: d('2030-01-12') };
      expect(() => assertCoverage(input({ order: late, reason: 'not_shipped_on_time', now: d('2030-02-01') }))).not.toThrow();
      expect(refusal({ order: late, reason: 'not_shipped_on_time', now: d('2030-03-01') }).code).toBe('claim_window_closed');
    });

    it('follows the case policy', () => {
      const policy = { ...DEFAULT_POLICY, claimWindowAfterReceipt: 'PT1H' };
      expect(refusal({ policy, now: new Date('2030-01-20T01:00:01Z') }).code).toBe('claim_window_closed');
    });
  });

  it('case_already_open when the order has an open case', () => {
    expect(refusal({ hasOpenCase: true }).code).toBe('case_already_open');
  });

  it.each([
    [usd(0), 'validation_failed', 'claim.amount'],
    [usd(-100), 'validation_failed', 'claim.amount'],
    [usd(99.5), 'validation_failed', 'claim.amount'],
    [usd(10001), 'amount_exceeds_order', 'claim.amount'],
    [{ amount: 5000, currency: 'EUR' }, 'currency_mismatch', 'claim.currency'],
  ])('refuses the claim %j with %s', (claim, code, field) => {
    expect(refusal({ claim })).toMatchObject({ code, field });
  });

  it('accepts a claim of the whole order amount', () => {
    expect(() => assertCoverage(input({ claim: usd(10000) }))).not.toThrow();
  });

  it('refuses an unknown reason as validation_failed on reason', () => {
    expect(refusal({ reason: 'changed_my_mind' as DisputeReason })).toMatchObject({ code: 'validation_failed', field: 'reason' });
  });
});
