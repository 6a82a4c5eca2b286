import fc from 'fast-check';
import { candidateChunks, hammingDistance, hashChunks, HASH_INPUT_SIDE, perceptualHash, SIMILARITY_THRESHOLD } from './perceptual-hash';

const side = HASH_INPUT_SIDE;
const picture = (value: (x: number, y: number) => number) =>
  Uint8Array.from({ length: side * side }, (_, i) => Math.max(0, Math.min(255, Math.round(value(i % side, Math.floor(i / side))))));
const bigint64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

describe('perceptualHash', () => {
  const scene = (x: number, y: number) => 128 + 60 * Math.sin(x / 5) + 50 * Math.cos(y / 7) + (x > 20 && y < 10 ? 40 : 0);

  it('keeps a picture within a few bits when its pixels change a little (re-encoding noise, brightness)', () => {
    const original = perceptualHash(picture(scene));
    const noisy = perceptualHash(picture((x, y) => scene(x, y) + ((x * 7 + y * 13) % 9) - 4));
    const brighter = perceptualHash(picture((x, y) => scene(x, y) * 0.9 + 20));
    expect(hammingDistance(original, noisy)).toBeLessThanOrEqual(4);
    expect(hammingDistance(original, brighter)).toBeLessThanOrEqual(2);
  });

  it('tells different pictures apart', () => {
    const other = perceptualHash(picture((x, y) => 128 + 100 * Math.sin((x + y) / 3)));
    expect(hammingDistance(perceptualHash(picture(scene)), other)).toBeGreaterThan(SIMILARITY_THRESHOLD);
  });

  it('refuses anything but a 32 × 32 grey picture', () => {
    expect(() => perceptualHash(new Uint8Array(100))).toThrow(/32×32/);
  });
});

describe('hammingDistance and the chunk index', () => {
  it('counts differing bits, signs aside', () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, -1n)).toBe(64);
    expect(hammingDistance(0b1011n, 0b0001n)).toBe(2);
  });

  it('cuts a hash into four signed 16-bit chunks', () => {
    expect(hashChunks(-1n)).toEqual([-1, -1, -1, -1]);
    expect(hashChunks(0x0001_8000_7fff_0002n)).toEqual([2, 0x7fff, -0x8000, 1]);
  });

  it('finds every hash within the threshold among the candidate chunks (pigeonhole), for any hash and any flips', () => {
    fc.assert(
      fc.property(bigint64, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: SIMILARITY_THRESHOLD }), (hash, bits) => {
        const near = bits.reduce((h, bit) => BigInt.asIntN(64, h ^ (1n << BigInt(bit))), hash);
        expect(hammingDistance(hash, near)).toBe(bits.length);
        const candidates = candidateChunks(hash);
        expect(hashChunks(near).some((chunk, i) => candidates[i].includes(chunk))).toBe(true);
      }),
    );
  });

  it('looks up few values per chunk: every value within ⌊k / 4⌋ bits, once', () => {
    const [first] = candidateChunks(0n, 12);
    expect(first.length).toBe(1 + 16 + 120 + 560);
    expect(candidateChunks(0n)[0].length).toBe(1 + 16 + 120);
    expect(new Set(first).size).toBe(first.length);
    expect(candidateChunks(0n, 3)[0]).toEqual([0]);
  });
});
