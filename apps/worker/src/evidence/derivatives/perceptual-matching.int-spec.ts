import { hammingDistance, SIMILARITY_THRESHOLD } from '@app/domain';
import { chanceMatchRate, labelledPairs, matcherReport, MeasuredPair, measurePairs, scoreThreshold, STEREO_PAIR } from '@app/testing';
import { imageDerivatives } from './image-derivatives';

const LIMITS = { maxPixels: 100_000_000, timeoutMs: 30_000 };
const hashOf = async (bytes: Buffer) => (await imageDerivatives(bytes, LIMITS, { orient: true, sourceType: 'image/jpeg' })).hash;
const THRESHOLDS = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const isCrop = (d: MeasuredPair) => d.what.startsWith('cropped');
const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;

// The threshold rests on the camera photographs (perceptual-hash.ts says why it is what it is); the rendered scenes are
// checked too. A machine without the photographs fails in beforeAll, saying to run scripts/test-photos.sh.
describe('The perceptual matcher on the labelled set', () => {
  let measured: MeasuredPair[];
  let photos: MeasuredPair[];
  let rendered: MeasuredPair[];

  beforeAll(async () => {
    measured = await measurePairs(await labelledPairs(), hashOf, hammingDistance);
    photos = measured.filter((d) => d.source === 'photo');
    rendered = measured.filter((d) => d.source === 'rendered');
    console.log(matcherReport(measured, THRESHOLDS, SIMILARITY_THRESHOLD).join('\n'));
  }, 180_000);

  it('calls no photo of a different scene a copy, with bits to spare, on camera photographs and rendered scenes', () => {
    const differentScenes = photos.filter((d) => d.what !== STEREO_PAIR);
    expect(scoreThreshold(differentScenes, SIMILARITY_THRESHOLD).precision).toBe(1);
    expect(scoreThreshold(rendered, SIMILARITY_THRESHOLD).precision).toBe(1);
    // Other photos are 22 or more apart, the textures 36 or more; rendered photos of the same goods 14 or more.
    expect(Math.min(...differentScenes.filter((d) => !d.similar).map((d) => d.distance))).toBeGreaterThan(SIMILARITY_THRESHOLD + 8);
    expect(Math.min(...rendered.filter((d) => !d.similar).map((d) => d.distance))).toBeGreaterThan(SIMILARITY_THRESHOLD + 4);
  });

  it('keeps chance matches rare among a million stored hashes, which is what bounds the threshold', () => {
    // Unrelated photographs spread as independent hashes do (mean 31.5, standard deviation 4.0), so the model's tail
    // is what a large table of honest uploads looks like: at 10 about 1 upload in 26 would match one by chance among
    // 1,000,000 stored hashes, at the chosen 8 about 1 in 800.
    const unrelated = photos.filter((d) => !d.similar && d.what !== STEREO_PAIR).map((d) => d.distance);
    const spread = Math.sqrt(mean(unrelated.map((d) => (d - mean(unrelated)) ** 2)));
    expect(Math.abs(mean(unrelated) - 31.5)).toBeLessThan(2);
    expect(Math.abs(spread - 4)).toBeLessThan(1);
    expect(chanceMatchRate(SIMILARITY_THRESHOLD) * 1_000_000).toBeLessThan(0.01);
    expect(chanceMatchRate(SIMILARITY_THRESHOLD + 2) * 1_000_000).toBeGreaterThan(0.01);
  });

  it('catches every resized, re-encoded or brightened copy and some of the cropped ones', () => {
    for (const d of measured.filter((d) => d.similar && !isCrop(d))) expect({ ...d, caught: d.distance <= SIMILARITY_THRESHOLD }).toMatchObject({ caught: true });
    // Crops move a global hash most on real photographs: 3 % a side is 4–18 bits, 5 % 8–22, 8 % off a corner 8–24.
    expect(scoreThreshold(photos.filter((d) => d.what !== STEREO_PAIR), SIMILARITY_THRESHOLD).recall).toBeGreaterThanOrEqual(0.65);
    expect(scoreThreshold(rendered, SIMILARITY_THRESHOLD).recall).toBeGreaterThanOrEqual(0.8);
  });

  it('matches the stereo pair, a second shot of the same goods from 19 cm aside: a known limit of a global hash', () => {
    // Labelled "should not match", and it is the only such pair the matcher calls a copy (6 bits apart, at every
    // threshold from 6 up). No threshold that still catches re-encoded copies (up to 8) tells it apart, and one that
    // did (4) would be a single 2-bit step from it. Accepted for the fraud signal: the lookup only compares other
    // buyers' items, and another buyer's photo taken from the same spot of the same goods is what a recycled photo
    // shoot looks like; staff see both pictures before anything is decided. If this fails, the hash now tells such
    // shots apart: update this comment, perceptual-hash.ts and the README.
    const stereo = photos.filter((d) => d.what === STEREO_PAIR);
    expect(stereo).toHaveLength(1);
    expect(stereo[0].distance).toBeLessThanOrEqual(SIMILARITY_THRESHOLD);
  });
});
