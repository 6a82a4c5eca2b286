import { addDuration, calendarPeriodBefore, formatDuration, parseCalendarPeriod, parseDuration } from './duration';

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

describe('calendar periods (the eligibility period)', () => {
  it.each([
    ['P6M', 6],
    ['P1Y', 12],
    ['P1Y6M', 18],
    ['P12M', 12],
  ])('%s is %i months', (iso, months) => {
    expect(parseCalendarPeriod(iso)).toEqual({ months });
  });

  it.each(['P0M', 'P6D', 'P6MT1H', 'PT6M', 'P-6M', 'P1.5M', 'p6m', 'P', '6M', 'P6M '])('refuses %j, naming it', (bad) => {
    expect(() => parseCalendarPeriod(bad)).toThrow(`invalid calendar period "${bad}"`);
  });

  it.each([
    ['2030-08-15T10:30:00.000Z', 'P6M', '2030-02-15T10:30:00.000Z'],
    // Months are not 30 days: six months before 31 August is the last day of February.
    ['2030-08-31T23:59:59.999Z', 'P6M', '2030-02-28T23:59:59.999Z'],
    ['2032-08-31T00:00:00.000Z', 'P6M', '2032-02-29T00:00:00.000Z'],
    ['2030-03-31T12:00:00.000Z', 'P1M', '2030-02-28T12:00:00.000Z'],
    // Across a year boundary.
    ['2030-02-10T00:00:00.000Z', 'P6M', '2029-08-10T00:00:00.000Z'],
    ['2030-01-31T00:00:00.000Z', 'P1Y6M', '2028-07-31T00:00:00.000Z'],
  ])('%s minus %s is %s', (from, period, expected) => {
    expect(calendarPeriodBefore(new Date(from), period).toISOString()).toBe(expected);
  });

  it('keeps parseDuration refusing months: deadlines never depend on the calendar', () => {
    expect(() => parseDuration('P6M')).toThrow('invalid duration "P6M"');
  });
});

describe('formatDuration', () => {
  it.each([
    [2 * DAY, 'P2D'],
    [90 * 60 * SECOND, 'PT1H30M'],
    [DAY + 2 * HOUR + 500, 'P1DT2H0.5S'],
    [0, 'PT0S'],
    [1500, 'PT1.5S'],
  ])('%i ms is %s, and reads back', (ms, iso) => {
    expect(formatDuration(ms)).toBe(iso);
    expect(parseDuration(iso)).toBe(ms);
  });

  it('refuses negative lengths', () => {
    expect(() => formatDuration(-1)).toThrow('cannot write -1 ms');
  });
});
