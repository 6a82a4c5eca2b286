import type { Problem } from '../../lib/problem';

// What each refusal of an upload means for the person, before the service's own detail.
const HEADLINES: Partial<Record<Problem['code'], string>> = {
  payload_too_large: 'Too large',
  unsupported_media_type: 'Not a type of file accepted as evidence (photos, videos, PDF, plain text)',
  evidence_window_closed: 'You cannot add evidence to this case now',
  evidence_limit_reached: 'You have added as many items as a party may',
  deadline_passed: 'This upload expired before it finished: add the file again',
  invalid_state: 'This upload can no longer go on',
};

/** A refused upload in words: what it means, then the service's detail (limits are policy, it knows them). */
export function refusalText(problem: Problem): string {
  const headline = HEADLINES[problem.code];
  return headline ? `${headline}: ${problem.detail}` : problem.detail;
}

const REJECTIONS: Record<string, string> = {
  window_closed: 'your evidence window closed before the upload completed',
  missing_object: 'the file never arrived in storage',
  size_mismatch: 'the stored file is not the size that was declared',
  checksum_mismatch: 'the stored file is not the file that was hashed (it changed or was damaged on the way)',
  type_mismatch: 'the file is not of the type its name says',
  unsupported_type: 'this type of file is not accepted as evidence',
};

/** Why verification rejected an item, in words. */
export function rejectionText(reason: string | null): string {
  return reason ? (REJECTIONS[reason] ?? reason.replace(/_/g, ' ')) : 'it could not be verified';
}
