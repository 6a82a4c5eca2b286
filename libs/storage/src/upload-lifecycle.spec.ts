import type { LifecycleRule } from '@aws-sdk/client-s3';
import { ABORT_RULE_ID, abortAfterDays, withAbortRule } from './upload-lifecycle';

describe('the bucket rule that aborts incomplete multipart uploads', () => {
  it('waits past the upload session lifetime, with a day to spare', () => {
    expect(abortAfterDays('P1D')).toBe(2);
    expect(abortAfterDays('PT6H')).toBe(2);
    expect(abortAfterDays('P3DT1H')).toBe(5);
  });

  it('is added beside the operator’s own rules, which stay', () => {
    const theirs: LifecycleRule = { ID: 'expire-logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };
    expect(withAbortRule([theirs], 2)).toEqual([
      theirs,
      { ID: ABORT_RULE_ID, Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
    ]);
  });

  it('is left alone when it is there already, and replaced when it differs', () => {
    const ours = withAbortRule([], 2)!;
    expect(withAbortRule(ours, 2)).toBeNull();
    expect(withAbortRule(ours, 4)).toEqual([expect.objectContaining({ ID: ABORT_RULE_ID, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 4 } })]);
    expect(withAbortRule([{ ...ours[0], Status: 'Disabled' }], 2)).toEqual([expect.objectContaining({ Status: 'Enabled' })]);
  });
});
