import { countdownTone, describeCountdown, formatCountdown } from './countdown';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('deadline countdowns', () => {
  it('are green with a day or more left, amber under 24 hours, red once overdue', () => {
    expect(countdownTone(3 * 24 * HOUR)).toBe('ok');
    expect(countdownTone(24 * HOUR)).toBe('ok');
    expect(countdownTone(24 * HOUR - 1)).toBe('soon');
    expect(countdownTone(1)).toBe('soon');
    expect(countdownTone(0)).toBe('soon');
    expect(countdownTone(-1)).toBe('overdue');
  });

  it('show two units at most, and go negative once overdue', () => {
    expect(formatCountdown(2 * 24 * HOUR + 4 * HOUR + 30 * MIN)).toBe('2 d 4 h');
    expect(formatCountdown(5 * HOUR + 12 * MIN + 59_000)).toBe('5 h 12 min');
    expect(formatCountdown(12 * MIN + 30_000)).toBe('12 min 30 s');
    expect(formatCountdown(-(HOUR + 5 * MIN))).toBe('−1 h 5 min');
    expect(describeCountdown(-(HOUR + 5 * MIN))).toBe('overdue by 1 h 5 min');
    expect(describeCountdown(3 * HOUR)).toBe('due in 3 h 0 min');
  });
});
