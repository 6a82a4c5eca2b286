import { assertCompleteParts, MAX_PARTS, missingParts, partCount, partSizeFor, uploadUrlsExpiry } from './upload-plan';

const MIB = 1024 * 1024;

describe('upload plan', () => {
  it('uses 8 MiB parts until 10,000 of them would not hold the object', () => {
    expect(partSizeFor(17 * MIB)).toBe(8 * MIB);
    expect(partSizeFor(2 * 1024 * MIB)).toBe(8 * MIB);
    const huge = 100 * 1024 * MIB;
    expect(partSizeFor(huge)).toBe(11 * MIB);
    expect(partCount(huge, partSizeFor(huge))).toBeLessThanOrEqual(MAX_PARTS);
  });

  it('counts a short last part', () => {
    expect(partCount(40 * MIB, 8 * MIB)).toBe(5);
    expect(partCount(40 * MIB + 1, 8 * MIB)).toBe(6);
  });

  it('lists the parts storage does not hold yet, each with its exact length', () => {
    const numbers = (parts: Array<{ partNumber: number }>) => parts.map((p) => p.partNumber);
    expect(numbers(missingParts(40 * MIB, 8 * MIB, [{ partNumber: 1 }, { partNumber: 3 }]))).toEqual([2, 4, 5]);
    expect(numbers(missingParts(40 * MIB, 8 * MIB, []))).toEqual([1, 2, 3, 4, 5]);
    expect(missingParts(16 * MIB, 8 * MIB, [{ partNumber: 1 }, { partNumber: 2 }])).toEqual([]);
    // 17 MiB in 8 MiB parts: the last part carries the one MiB left, and its URL may take no more.
    expect(missingParts(17 * MIB, 8 * MIB, [])).toEqual([
      { partNumber: 1, size: 8 * MIB },
      { partNumber: 2, size: 8 * MIB },
      { partNumber: 3, size: MIB },
    ]);
  });

  it('lets upload URLs live their own lifetime, never past the session', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    expect(uploadUrlsExpiry(now, new Date('2030-01-02T12:00:00Z'), 'PT15M')).toEqual(new Date('2030-01-01T12:15:00Z'));
    expect(uploadUrlsExpiry(now, new Date('2030-01-01T12:05:00Z'), 'PT15M')).toEqual(new Date('2030-01-01T12:05:00Z'));
  });

  it('accepts exactly parts 1..n to complete an upload, and nothing else', () => {
    const parts = (...numbers: number[]) => numbers.map((partNumber) => ({ partNumber }));
    expect(() => assertCompleteParts(40 * MIB, 8 * MIB, parts(1, 2, 3, 4, 5))).not.toThrow();
    expect(() => assertCompleteParts(40 * MIB, 8 * MIB, parts(5, 4, 3, 2, 1))).not.toThrow();
    for (const wrong of [parts(1, 2, 3, 4), parts(1, 2, 3, 4, 4), parts(1, 2, 3, 4, 6), parts(1, 2, 3, 4, 5, 6)]) {
      expect(() => assertCompleteParts(40 * MIB, 8 * MIB, wrong)).toThrow(expect.objectContaining({ code: 'validation_failed', field: 'parts' }));
    }
  });
});
