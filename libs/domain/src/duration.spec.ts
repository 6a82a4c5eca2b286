import { addDuration, parseDuration } from './duration';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['P3D', 3 * DAY],
    ['P2W', 14 * DAY],
    ['PT2H', 2 * HOUR],
    ['PT15M', 15 * 60 * SECOND],
    ['PT5S', 5 * SECOND],
    ['PT0.5S', 500],
    ['PT1.25S', 1250],
    ['P1DT2H', DAY + 2 * HOUR],
    ['P1W2DT3H4M5.5S', 9 * DAY + 3 * HOUR + 4 * 60 * SECOND + 5500],
    ['PT0S', 0],
  ])('%s is %i ms', (iso, ms) => {
    expect(parseDuration(iso)).toBe(ms);
  });

  it.each(['P1Y', 'P1M', 'P1Y2D', '', 'P', 'PT', 'P1DT', '3D', 'p3d', 'P-3D', 'P1.5D', 'PT1.5H', 'P3Dxyz', 'xP3D', 'PT2H1D', ' P3D'])(
    'refuses %j, naming it',
    (bad) => {
      expect(() => parseDuration(bad)).toThrow(`invalid duration "${bad}"`);
    },
  );
});

describe('addDuration', () => {
  it('adds fixed-length days in UTC', () => {
    expect(addDuration(new Date('2030-03-30T12:00:00Z'), 'P1DT0.5S')).toEqual(new Date('2030-03-31T12:00:00.500Z'));
  });
});
