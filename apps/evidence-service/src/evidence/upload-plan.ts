const MIB = 1024 * 1024;

/** S3's rules: at most 10,000 parts, each at least 5 MiB except the last. */
export const MAX_PARTS = 10_000;
// Big enough for few requests, small enough that a part lost to a flaky connection is cheap to send again.
const DEFAULT_PART_SIZE = 8 * MIB;

/** The part size for an object of `size` bytes: 8 MiB, or more (whole MiB) when 10,000 parts would not hold it. */
export function partSizeFor(size: number): number {
  return Math.max(DEFAULT_PART_SIZE, Math.ceil(size / MAX_PARTS / MIB) * MIB);
}

export function partCount(size: number, partSize: number): number {
  return Math.ceil(size / partSize);
}

/** The part numbers still to send, given those storage already holds. */
export function missingParts(size: number, partSize: number, stored: ReadonlyArray<{ partNumber: number }>): number[] {
  const have = new Set(stored.map((part) => part.partNumber));
  return Array.from({ length: partCount(size, partSize) }, (_, i) => i + 1).filter((n) => !have.has(n));
}
