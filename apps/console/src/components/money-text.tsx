import { formatMoney, type Money } from '../lib/money';

/** An amount in major units with its currency, never a bare number of minor units. */
export function MoneyText({ money }: { money: Money }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatMoney(money)}</span>;
}

/** Totals kept per currency (a supplier's completed value): each in its own currency, "none" when there are none. */
export function MoneyTotals({ totals }: { totals: Money[] }) {
  if (!totals.length) return <span>none</span>;
  return (
    <>
      {totals.map((money, i) => (
        <span key={money.currency}>
          {i > 0 && ' + '}
          <MoneyText money={money} />
        </span>
      ))}
    </>
  );
}
