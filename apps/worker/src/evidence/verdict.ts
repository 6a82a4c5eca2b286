import type { EvidenceRejectionReason } from '@app/database';
import type { EvidenceKind } from '@app/domain';
import { evidenceKindOf } from '@app/storage';

export interface Declared {
  size: number;
  sha256: string;
  kind: EvidenceKind;
}

/** What storage holds; `sha256` and `detectedType` are null when the bytes were not read (wrong size). Null: no object. */
export type Observed = { size: number; sha256: string | null; detectedType: string | null } | null;

export type Verdict = { accepted: true; detectedType: string } | { accepted: false; reason: EvidenceRejectionReason };

/** API.md "Evidence service": the stored object must exist, match the declared size and SHA-256, and be an accepted type of the declared kind. */
export function judge(declared: Declared, observed: Observed): Verdict {
  if (!observed) return { accepted: false, reason: 'missing_object' };
  if (observed.size !== declared.size) return { accepted: false, reason: 'size_mismatch' };
  if (observed.sha256 !== declared.sha256) return { accepted: false, reason: 'checksum_mismatch' };
  const kind = observed.detectedType ? evidenceKindOf(observed.detectedType) : null;
  if (!observed.detectedType || !kind) return { accepted: false, reason: 'unsupported_type' };
  if (kind !== declared.kind) return { accepted: false, reason: 'type_mismatch' };
  return { accepted: true, detectedType: observed.detectedType };
}
