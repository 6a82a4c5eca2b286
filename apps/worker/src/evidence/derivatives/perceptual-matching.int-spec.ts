import { hammingDistance, SIMILARITY_THRESHOLD } from '@app/domain';
import { labelledPairs, scoreThreshold } from '@app/testing';
import { imageDerivatives } from './image-derivatives';

const LIMITS = { maxPixels: 100_000_000, timeoutMs: 30_000 };
const hashOf = async (bytes: Buffer) => (await imageDerivatives(bytes, LIMITS, { orient: true, sourceType: 'image/jpeg' })).hash;

describe('The perceptual matcher on the labelled set', () => {
  let distances: Array<{ what: string; distance: number; similar: boolean }>;

  beforeAll(async () => {
    const pairs = await labelledPairs();
    distances = [];
    for (const pair of pairs) distances.push({ what: pair.what, similar: pair.similar, distance: hammingDistance(await hashOf(pair.a), await hashOf(pair.b)) });
  }, 120_000);

  it('separates copies from other photos at the chosen threshold', () => {
    const byWhat = new Map<string, number[]>();
    for (const d of distances) byWhat.set(d.what, [...(byWhat.get(d.what) ?? []), d.distance]);
    const scores = [6, 8, 10, 11, 12, 13, 14, 16].map((t) => scoreThreshold(distances, t));
    console.log(
      [
        `labelled set: ${distances.filter((d) => d.similar).length} copies, ${distances.filter((d) => !d.similar).length} pairs of different photos`,
        ...[...byWhat].map(([what, ds]) => `  ${what}: distances ${[...ds].sort((a, b) => a - b).join(', ')}`),
        ...scores.map((s) => `  threshold ${s.threshold}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (${s.falsePositives} false positives, ${s.falseNegatives} missed)`),
      ].join('\n'),
    );
    const chosen = scoreThreshold(distances, SIMILARITY_THRESHOLD);
    // No different photo is ever called a copy, with bits to spare.
    expect(chosen.precision).toBe(1);
    expect(Math.min(...distances.filter((d) => !d.similar).map((d) => d.distance))).toBeGreaterThan(SIMILARITY_THRESHOLD + 2);
    // Every resized, re-encoded or lightly (3–5 % a side) cropped copy is caught; only the heavier corner crops escape.
    for (const d of distances.filter((d) => d.similar && !d.what.includes('off the left'))) expect(d.distance).toBeLessThanOrEqual(SIMILARITY_THRESHOLD);
    expect(chosen.recall).toBeGreaterThanOrEqual(0.85);
  });
});
