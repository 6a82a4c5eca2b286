import { DomainError } from './errors';

/** Integer minor units (cents) and an upper-case ISO 4217 code; never a float. */
export interface Money {
  amount: number;
  currency: string;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Builds Money from values the caller already trusts; a bad one is a bug, hence a plain Error. */
export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new Error(`money amount must be an integer of minor units, got ${amount}`);
  if (!CURRENCY_CODE.test(currency)) throw new Error(`money currency must be an ISO 4217 code, got ${currency}`);
  return { amount, currency };
}

export function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

export function isNonNegativeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** Money is only ever compared within the order's currency; there is no conversion. */
export function assertSameCurrency(value: Money, expected: Money, field: string): void {
  if (value.currency !== expected.currency) {
    throw new DomainError(
      'currency_mismatch',
      `${field} is ${value.currency} but the order is in ${expected.currency}`,
      field,
    );
  }
}

export interface AmountCheck {
  /** What the ceiling is, for the message: 'order amount', 'claim'. */
  ceilingName: string;
  amountField: string;
  currencyField: string;
  /** Only an appeal ruling may set a refund of zero; claims, offers and partial refunds are positive. */
  allowZero?: boolean;
}

/** The one check for money a user proposes: same currency, a whole positive amount, not above the ceiling. */
export function assertAmountWithin(value: Money, ceiling: Money, check: AmountCheck): void {
  assertSameCurrency(value, ceiling, check.currencyField);
  const wellFormed = check.allowZero ? isNonNegativeInteger(value.amount) : isPositiveInteger(value.amount);
  if (!wellFormed) {
    const kind = check.allowZero ? 'zero or a positive' : 'a positive';
    throw new DomainError('validation_failed', `${check.amountField} must be ${kind} integer of minor units`, check.amountField);
  }
  if (value.amount > ceiling.amount) {
    throw new DomainError(
      'amount_exceeds_order',
      `${check.amountField} ${value.amount} is above the ${check.ceilingName} ${ceiling.amount}`,
      check.amountField,
    );
  }
}
