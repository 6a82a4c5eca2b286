import type { CaseApi } from '@app/api-client';

export type Money = CaseApi.Money;

// Formatters are costly to make: one per locale and currency, kept.
const formats = new Map<string, Intl.NumberFormat>();
function currencyFormat(locale: string | undefined, currency: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return format;
}

/** Digits after the decimal point in a currency's major unit (ISO 4217): USD 2, JPY 0, KWD 3. */
export function minorDigits(currency: string): number {
  return currencyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `12500` minor units of USD as `125.00`: exact decimal text, no floating point on the way. */
export function toMajorText(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amount < 0;
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  const major = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${major}` : major;
}

/** An amount in the currency's major units with its symbol, in the viewer's language: `$1,250.00`, `¥1,250`. */
export function formatMoney(money: Money, locale?: string): string {
  return currencyFormat(locale, money.currency).format(toMajorText(money.amount, money.currency) as Intl.StringNumericLiteral);
}

export type ParsedAmount = { ok: true; amount: number } | { ok: false; message: string };

const FORMAT_HINT = 'Use digits and one decimal separator, as in 1250.50';

/**
 * What a person typed into an amount field, in major units, as integer minor units. Accepts the viewer's
 * decimal separator, thousands separators in their places and spaces; refuses anything else with a sentence,
 * and never rounds: more decimals than the currency has is a mistake to point out, not to fix silently.
 */
export function parseAmount(text: string, currency: string, locale?: string): ParsedAmount {
  const digits = minorDigits(currency);
  const value = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!value) return { ok: false, message: 'Enter an amount' };
  if (value.startsWith('-')) return { ok: false, message: 'Enter a positive amount' };
  const decimal = decimalSeparatorIn(value, decimalSeparatorOf(locale));
  const group = decimal === ',' ? '.' : ',';
  const parts = value.split(decimal);
  if (parts.length > 2) return { ok: false, message: FORMAT_HINT };
  const [whole, fraction = ''] = parts;
  const groups = whole.split(group);
  const wellGrouped = groups.length === 1 || (/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g)));
  const integer = groups.join('');
  if (!wellGrouped || !/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return { ok: false, message: FORMAT_HINT };
  if (fraction.length > digits) {
    return { ok: false, message: digits ? `${currency} amounts have at most ${digits} decimal${digits > 1 ? 's' : ''}` : `${currency} amounts have no decimals` };
  }
  const minor = BigInt(integer + fraction.padEnd(digits, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: 'This amount is too large' };
  return { ok: true, amount: Number(minor) };
}

function decimalSeparatorOf(locale?: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value === ',' ? ',' : '.';
}

/** The locale's separator; where it is a comma, a lone point reads as decimal ("12.5") unless it groups thousands ("1.250"). */
function decimalSeparatorIn(value: string, localeDecimal: string): string {
  if (localeDecimal === '.' || value.includes(',')) return localeDecimal;
  return /^\d{1,3}(\.\d{3})+$/.test(value) ? ',' : '.';
}
