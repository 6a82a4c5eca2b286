import { formatMoney as format, minorDigits, parseAmount, toMajorText } from './money';

// Intl puts a no-break space between a code and the number; the tests read plain spaces.
const formatMoney = (...args: Parameters<typeof format>) => format(...args).replace(/\u00a0/g, ' ');

describe('money in the console', () => {
  it('knows each currency\'s minor-unit digits', () => {
    expect([minorDigits('USD'), minorDigits('JPY'), minorDigits('KWD'), minorDigits('EUR')]).toEqual([2, 0, 3, 2]);
  });

  it('shows minor units as major units with the currency, exactly', () => {
    expect(formatMoney({ amount: 125_000, currency: 'USD' }, 'en-US')).toBe('$1,250.00');
    expect(formatMoney({ amount: 5, currency: 'USD' }, 'en-US')).toBe('$0.05');
    expect(formatMoney({ amount: 1250, currency: 'JPY' }, 'en-US')).toBe('¥1,250');
    expect(formatMoney({ amount: 1_250_500, currency: 'KWD' }, 'en-US')).toBe('KWD 1,250.500');
    expect(formatMoney({ amount: 125_000, currency: 'EUR' }, 'de-DE')).toBe('1.250,00 €');
    expect(formatMoney({ amount: 9_007_199_254_740_991, currency: 'USD' }, 'en-US')).toBe('$90,071,992,547,409.91');
    expect(toMajorText(-4250, 'USD')).toBe('-42.50');
  });

  it('reads what a person types in major units, in their locale', () => {
    expect(parseAmount('1250.50', 'USD', 'en-US')).toEqual({ ok: true, amount: 125_050 });
    expect(parseAmount(' 1,250.5 ', 'USD', 'en-US')).toEqual({ ok: true, amount: 125_050 });
    expect(parseAmount('400', 'USD', 'en-US')).toEqual({ ok: true, amount: 40_000 });
    expect(parseAmount('1.250,50', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 125_050 });
    expect(parseAmount('12.5', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 1_250 });
    expect(parseAmount('1.250', 'EUR', 'de-DE')).toEqual({ ok: true, amount: 125_000 });
    expect(parseAmount('1250', 'JPY', 'ja-JP')).toEqual({ ok: true, amount: 1250 });
    expect(parseAmount('1.234', 'KWD', 'en-US')).toEqual({ ok: true, amount: 1234 });
  });

  it('refuses, in words, what it cannot read exactly, and never rounds', () => {
    expect(parseAmount('', 'USD', 'en-US')).toEqual({ ok: false, message: 'Enter an amount' });
    expect(parseAmount('-5', 'USD', 'en-US')).toEqual({ ok: false, message: 'Enter a positive amount' });
    expect(parseAmount('12.345', 'USD', 'en-US')).toEqual({ ok: false, message: 'USD amounts have at most 2 decimals' });
    expect(parseAmount('12.5', 'JPY', 'en-US')).toEqual({ ok: false, message: 'JPY amounts have no decimals' });
    expect(parseAmount('12,50', 'USD', 'en-US')).toMatchObject({ ok: false });
    expect(parseAmount('1e3', 'USD', 'en-US')).toMatchObject({ ok: false });
    expect(parseAmount('$12', 'USD', 'en-US')).toMatchObject({ ok: false });
    expect(parseAmount('1.2.3', 'USD', 'en-US')).toMatchObject({ ok: false });
    expect(parseAmount('99999999999999999', 'USD', 'en-US')).toEqual({ ok: false, message: 'This amount is too large' });
  });
});
