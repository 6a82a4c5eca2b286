import { Textarea } from '@mantine/core';

interface CountedTextareaProps {
  label: string;
  value: string;
  onChange(value: string): void;
  min: number;
  max: number;
  error?: string;
  required?: boolean;
  /** The field a dialog puts the focus in when it opens. */
  autoFocus?: boolean;
  minRows?: number;
  description?: string;
}

/** A long text field with its limits and a live character count. */
export function CountedTextarea({ label, value, onChange, min, max, error, required, minRows = 3, description , autoFocus}: CountedTextareaProps) {
  const count = value.trim().length;
  const counter = `${value.length.toLocaleString()} / ${max.toLocaleString()} characters${min > 1 && count < min ? ` (at least ${min})` : ''}`;
  return (
    <Textarea
      label={label}
      required={required}
      data-autofocus={autoFocus || undefined}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      description={[description, counter].filter(Boolean).join('. ')}
      autosize
      minRows={minRows}
      maxRows={12}
      maxLength={max}
    />
  );
}
