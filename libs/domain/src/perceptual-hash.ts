/**
 * The perceptual fraud signal (DOMAIN.md "Evidence"): a 64-bit DCT hash (pHash) of a picture, which a resized,
 * re-encoded or lightly cropped copy keeps within a few bits, compared by Hamming distance.
 *
 * Lookups use multi-index hashing: the hash is cut into HASH_CHUNKS chunks of 16 bits, each indexed. Two hashes within
 * distance k differ in at most k bits, so by pigeonhole at least one chunk differs in at most ⌊k / HASH_CHUNKS⌋ bits:
 * looking up every chunk value that close finds every match, and the exact distance is checked on those candidates.
 */

/** The side of the grey square a picture is reduced to before its DCT. */
export const HASH_INPUT_SIDE = 32;
const LOW = 8; // the 8 × 8 lowest frequencies make the 64 bits

/**
 * The largest distance at which two pictures count as the same photo. Chosen from the labelled set the tests build
 * from 15 camera photographs (scikit-image's sample data: apps/worker/src/evidence/derivatives/perceptual-matching
 * .int-spec.ts, bench:derivatives; rendered scenes are checked too but prove less). Distances are always even (each
 * hash sets 31 of its 63 AC bits), so 8 and 9 are the same threshold.
 * - Copies: resized (50–90 %), re-encoded (JPEG, WebP) or brightened copies come within 0–8 (8: WebP of the brick
 *   texture); crops move a global hash more on real photos: 3 % a side 4–18, 5 % a side 8–22, 8 % off a corner 8–24.
 * - Different scenes: other photos are 22 or more apart, similar-looking textures (brick, grass, gravel) 36 or more.
 *   Their spread (mean 31.8, standard deviation 4.0) is that of independent hashes, and that is what bounds the
 *   threshold: at 1,000,000 stored hashes an honest upload matches one by chance 0.0013 times at 8, 0.039 at 10 (a
 *   false badge on about 1 upload in 26), 0.77 at 12. 8 keeps that under 1 in 500 and catches every resized,
 *   re-encoded and brightened copy and 11 of the 45 crops (recall 0.68 on the photos, 0.72 at 10: a false
 *   fraud badge wrongs an honest buyer, a missed crop only leaves staff without a hint).
 * - The one labelled pair the matcher gets wrong, at any threshold from 6 up: a stereo pair, the same goods shot at
 *   the same moment from 19 cm aside, 6 apart. Only 4 would part it from copies, losing re-encoded ones and nearly
 *   every crop, with a single 2-bit step of margin. Accepted: matches are only sought among other buyers' items, and another
 *   buyer's shot of the same goods from the same spot is what a recycled photo shoot looks like.
 * Lookups stay cheap: ⌊8 / 4⌋ = 2 bits per chunk.
 */
export const SIMILARITY_THRESHOLD = 8;

export const HASH_CHUNKS = 4;
const CHUNK_BITS = 16;

const COSINES: number[][] = Array.from({ length: LOW }, (_, u) =>
  Array.from({ length: HASH_INPUT_SIDE }, (__, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * HASH_INPUT_SIDE))),
);

/**
 * The hash of a HASH_INPUT_SIDE² grey picture (one byte per pixel, row by row): bit i (i = 8u + v, the DC term
 * excluded) is set when that frequency's coefficient is above the median of the 63 others. A signed 64-bit integer,
 * as PostgreSQL's bigint holds it.
 */
export function perceptualHash(grey: Uint8Array): bigint {
  const side = HASH_INPUT_SIDE;
  if (grey.length !== side * side) throw new Error(`a perceptual hash needs ${side}×${side} grey pixels, got ${grey.length} bytes`);
  // Separable 2-D DCT, the low frequencies only: rows first, then columns.
  const rows: number[][] = Array.from({ length: side }, (_, y) => COSINES.map((cos) => cos.reduce((sum, c, x) => sum + c * grey[y * side + x], 0)));
  const coefficients: number[] = [];
  for (let v = 0; v < LOW; v++) for (let u = 0; u < LOW; u++) coefficients.push(COSINES[v].reduce((sum, c, y) => sum + c * rows[y][u], 0));
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)];
  let hash = 0n;
  for (let i = 1; i < 64; i++) if (coefficients[i] > median) hash |= 1n << BigInt(i);
  return BigInt.asIntN(64, hash);
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let count = 0;
  while (x) {
    x &= x - 1n;
    count += 1;
  }
  return count;
}

/** The hash's HASH_CHUNKS 16-bit chunks, as signed smallints (PostgreSQL has no unsigned types). */
export function hashChunks(hash: bigint): number[] {
  const bits = BigInt.asUintN(64, hash);
  return Array.from({ length: HASH_CHUNKS }, (_, i) => toSmallint(Number((bits >> BigInt(i * CHUNK_BITS)) & 0xffffn)));
}

/**
 * For each chunk of `hash`, every chunk value within ⌊threshold / HASH_CHUNKS⌋ bits of it: any stored hash within
 * `threshold` of `hash` has at least one chunk among these (pigeonhole).
 */
export function candidateChunks(hash: bigint, threshold = SIMILARITY_THRESHOLD): number[][] {
  const radius = Math.floor(threshold / HASH_CHUNKS);
  return hashChunks(hash).map((chunk) => withinBits(chunk & 0xffff, radius).map(toSmallint));
}

function withinBits(value: number, radius: number): number[] {
  const found = [value];
  const flip = (from: number, start: number, left: number) => {
    for (let bit = start; bit < CHUNK_BITS; bit++) {
      const next = from ^ (1 << bit);
      found.push(next);
      if (left > 1) flip(next, bit + 1, left - 1);
    }
  };
  if (radius > 0) flip(value, 0, radius);
  return found;
}

const toSmallint = (value: number): number => (value >= 0x8000 ? value - 0x10000 : value);
