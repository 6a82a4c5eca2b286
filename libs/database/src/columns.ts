import { ValueTransformer } from 'typeorm';

/** bigint minor units come back from pg as strings; amounts stay well inside 2^53. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
