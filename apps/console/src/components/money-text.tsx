import { formatMoney, type Money } from '../lib/money';

/** An amount in major units with its currency, never a bare number of minor units. */
export function MoneyText({ money }: { money: Money }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatMoney(money)}</span>;
}
