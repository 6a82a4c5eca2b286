import type { LifecycleRule } from '@aws-sdk/client-s3';
import { parseDuration } from '@app/domain';

export const ABORT_RULE_ID = 'arbiter-abort-incomplete-multipart-uploads';
const DAY_MS = 24 * 3600_000;

/**
 * Days after which storage itself aborts a multipart upload never completed: past the upload session's lifetime
 * (the evidence sweep aborts expired sessions first; this catches whatever it could not, and the direct uploads of
 * a process that died mid-stream), with a day to spare.
 */
export function abortAfterDays(uploadTtl: string): number {
  return Math.ceil(parseDuration(uploadTtl) / DAY_MS) + 1;
}

/**
 * The bucket's lifecycle rules with ours in them, or null when they already hold it as it should be. Rules set by
 * the operator are kept: a lifecycle configuration is written whole, so ours is merged into what is there.
 */
export function withAbortRule(existing: readonly LifecycleRule[], days: number): LifecycleRule[] | null {
  const ours: LifecycleRule = { ID: ABORT_RULE_ID, Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } };
  const current = existing.find((rule) => rule.ID === ABORT_RULE_ID);
  if (current?.Status === 'Enabled' && current.AbortIncompleteMultipartUpload?.DaysAfterInitiation === days) return null;
  return [...existing.filter((rule) => rule.ID !== ABORT_RULE_ID), ours];
}
