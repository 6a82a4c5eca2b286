import { addDuration, DomainError } from '@app/domain';
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

/** The parts still to send, with their exact lengths, given those storage already holds. */
export function missingParts(size: number, partSize: number, stored: ReadonlyArray<{ partNumber: number }>): Array<{ partNumber: number; size: number }> {
  const have = new Set(stored.map((part) => part.partNumber));
  return Array.from({ length: partCount(size, partSize) }, (_, i) => i + 1)
    .filter((n) => !have.has(n))
    .map((partNumber) => ({ partNumber, size: Math.min(partSize, size - (partNumber - 1) * partSize) }));
}

/** When the URLs handed out now expire: after their own lifetime, never after the session. */
export function uploadUrlsExpiry(now: Date, sessionExpiresAt: Date, urlTtl: string): Date {
  const own = addDuration(now, urlTtl);
  return own < sessionExpiresAt ? own : sessionExpiresAt;
}

/**
 * The parts a client names to complete an upload must be exactly 1..n for the declared size: a missing,
 * repeated or extra part would at best fail at storage (some S3-compatible servers fail badly), at worst
 * assemble the wrong object. Refused before storage is asked.
 */
export function assertCompleteParts(size: number, partSize: number, parts: ReadonlyArray<{ partNumber: number }>): void {
  const expected = partCount(size, partSize);
  const numbers = new Set(parts.map((part) => part.partNumber));
  const exact = parts.length === expected && numbers.size === expected && [...numbers].every((n) => n >= 1 && n <= expected);
  if (!exact) {
    throw new DomainError('validation_failed', `parts must name each of parts 1 to ${expected} once`, 'parts');
  }
}
