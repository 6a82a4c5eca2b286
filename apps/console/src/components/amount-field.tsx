import { TextInput } from '@mantine/core';
import { formatMoney, minorDigits } from '../lib/money';

interface AmountFieldProps {
  label: string;
  currency: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  /** Shown under the field: the cap, for instance ("at most $1,250.00"). */
  max?: number;
  description?: string;
  required?: boolean;
  /** The field a dialog puts the focus in when it opens. */
  autoFocus?: boolean;
}

/** An amount in major units: a plain textbox (no spinner), the currency beside it. */
export function AmountField({ label, currency, value, onChange, error, max, description, required , autoFocus}: AmountFieldProps) {
  const digits = minorDigits(currency);
  const cap = max !== undefined ? `At most ${formatMoney({ amount: max, currency })}` : undefined;
  return (
    <TextInput
      label={label}
      required={required}
      data-autofocus={autoFocus || undefined}
      inputMode={digits ? 'decimal' : 'numeric'}
      autoComplete="off"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      description={[description, cap].filter(Boolean).join('. ') || undefined}
      placeholder={digits ? `0.${'0'.repeat(digits)}` : '0'}
      rightSection={<span aria-hidden="true" style={{ fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-dimmed)' }}>{currency}</span>}
      rightSectionWidth={52}
      styles={{ input: { fontVariantNumeric: 'tabular-nums' } }}
    />
  );
}
