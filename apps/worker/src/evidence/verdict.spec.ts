import { judge } from './verdict';

const declared = { size: 1000, sha256: 'a'.repeat(64), kind: 'video' as const };
const observed = { size: 1000, sha256: 'a'.repeat(64), detectedType: 'video/mp4' };

describe('judge', () => {
  it('accepts an object that matches what was declared', () => {
    expect(judge(declared, observed)).toEqual({ accepted: true, detectedType: 'video/mp4' });
  });

  it('names the first thing that does not match', () => {
    expect(judge(declared, null)).toEqual({ accepted: false, reason: 'missing_object' });
    expect(judge(declared, { size: 999, sha256: null, detectedType: null })).toEqual({ accepted: false, reason: 'size_mismatch' });
    expect(judge(declared, { ...observed, sha256: 'b'.repeat(64) })).toEqual({ accepted: false, reason: 'checksum_mismatch' });
    expect(judge(declared, { ...observed, detectedType: 'application/zip' })).toEqual({ accepted: false, reason: 'unsupported_type' });
    expect(judge(declared, { ...observed, detectedType: null })).toEqual({ accepted: false, reason: 'unsupported_type' });
    expect(judge(declared, { ...observed, detectedType: 'image/png' })).toEqual({ accepted: false, reason: 'type_mismatch' });
  });

  it('accepts any accepted type of the declared kind', () => {
    expect(judge({ ...declared, kind: 'image' }, { ...observed, detectedType: 'image/heic' })).toEqual({ accepted: true, detectedType: 'image/heic' });
    expect(judge({ ...declared, kind: 'document' }, { ...observed, detectedType: 'text/plain' })).toMatchObject({ accepted: true });
  });
});
