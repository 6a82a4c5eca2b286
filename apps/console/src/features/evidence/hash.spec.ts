import { createHash, randomBytes } from 'node:crypto';
import { sha256Of, sliceRanges } from './hash';

describe('hashing evidence in the browser, slice by slice', () => {
  it('reads a file in 8 MiB slices, the last one shorter, and nothing of an empty file', () => {
    const MIB = 1024 * 1024;
    expect(sliceRanges(20 * MIB)).toEqual([
      [0, 8 * MIB],
      [8 * MIB, 16 * MIB],
      [16 * MIB, 20 * MIB],
    ]);
    expect(sliceRanges(8 * MIB)).toEqual([[0, 8 * MIB]]);
    expect(sliceRanges(0)).toEqual([]);
  });

  it('gives the SHA-256 of the whole file whatever the slice size, reporting progress after each slice', async () => {
    const bytes = randomBytes(100_003);
    const expected = createHash('sha256').update(bytes).digest('hex');
    const shares: number[] = [];
    expect(await sha256Of(new Blob([bytes]), (share) => shares.push(share), undefined, 10_000)).toBe(expected);
    expect(shares).toHaveLength(12);
    expect(shares[0]).toBeCloseTo(10_000 / 100_003);
    expect(shares.at(-1)).toBe(1);
    expect(await sha256Of(new Blob([bytes]))).toBe(expected);
    expect(await sha256Of(new Blob([]))).toBe(createHash('sha256').digest('hex'));
  });

  it('stops when the upload is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sha256Of(new Blob([randomBytes(10)]), undefined, controller.signal)).rejects.toThrow();
  });
});
