import { describeDuration, describeHours, joinWords } from './duration';

describe('durations in words', () => {
  it('keeps the units the policy was written in', () => {
    expect(describeDuration('P3D')).toBe('3 days');
    expect(describeDuration('P1D')).toBe('1 day');
    expect(describeDuration('PT24H')).toBe('24 hours');
    expect(describeDuration('P1DT12H')).toBe('1 day 12 hours');
    expect(describeDuration('PT1H30M')).toBe('1 hour 30 minutes');
    expect(describeDuration('PT3S')).toBe('3 seconds');
    expect(describeDuration('PT0.5S')).toBe('0.5 seconds');
    expect(describeDuration('P2W')).toBe('2 weeks');
    expect(describeDuration('PT0S')).toBe('no time');
  });

  it('shows what it cannot read as it is, never an empty line', () => {
    expect(describeDuration('P1M')).toBe('P1M');
    expect(describeDuration('P1DT')).toBe('P1DT');
    expect(describeDuration('three days')).toBe('three days');
  });

  it('joins a list as a sentence', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['24 hours'])).toBe('24 hours');
    expect(joinWords(['24 hours', '2 hours'])).toBe('24 hours and 2 hours');
    expect(joinWords(['1 day', '2 hours', '30 minutes'])).toBe('1 day, 2 hours and 30 minutes');
  });

  it('reads hours as people say them', () => {
    expect(describeHours(null)).toBe('none yet');
    expect(describeHours(0)).toBe('under a minute');
    expect(describeHours(0.01)).toBe('under a minute');
    expect(describeHours(0.42)).toBe('25 min');
    expect(describeHours(5.25)).toBe('5 h 15 min');
    expect(describeHours(2)).toBe('2 h');
    expect(describeHours(74)).toBe('3 d 2 h');
    expect(describeHours(48)).toBe('2 d');
  });
});
