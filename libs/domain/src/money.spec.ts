import { domainErrorOf, usd } from './case-fixtures';
import { assertAmountWithin, assertSameCurrency, isNonNegativeInteger, isPositiveInteger, money } from './money';

describe('money', () => {
  it('builds integer minor units in an ISO currency, and refuses anything else', () => {
    expect(money(12500, 'USD')).toEqual({ amount: 12500, currency: 'USD' });
    expect(() => money(1.5, 'USD')).toThrow();
    expect(() => money(1, 'usd')).toThrow();
  });

  it('tells positive and non-negative integers apart', () => {
    expect([1, 0, -1, 1.5, NaN, '3'].map(isPositiveInteger)).toEqual([true, false, false, false, false, false]);
    expect([1, 0, -1, 1.5].map(isNonNegativeInteger)).toEqual([true, true, false, false]);
  });

  it('refuses another currency with currency_mismatch on the named field', () => {
    expect(domainErrorOf(() => assertSameCurrency({ amount: 1, currency: 'EUR' }, usd(1), 'claim.currency'))).toMatchObject({
      code: 'currency_mismatch',
      field: 'claim.currency',
    });
  });

  it('checks currency, then shape, then ceiling', () => {
    const check = { ceilingName: 'claim', amountField: 'refund.amount', currencyField: 'refund.currency' };
    expect(() => assertAmountWithin(usd(100), usd(100), check)).not.toThrow();
    expect(domainErrorOf(() => assertAmountWithin(usd(0), usd(100), check)).code).toBe('validation_failed');
    expect(() => assertAmountWithin(usd(0), usd(100), { ...check, allowZero: true })).not.toThrow();
    expect(domainErrorOf(() => assertAmountWithin(usd(101), usd(100), check))).toMatchObject({
      code: 'amount_exceeds_order',
      field: 'refund.amount',
    });
    expect(domainErrorOf(() => assertAmountWithin({ amount: 101.5, currency: 'EUR' }, usd(100), check)).code).toBe('currency_mismatch');
  });
});
