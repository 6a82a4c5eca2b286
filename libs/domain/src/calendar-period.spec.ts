import { calendarPeriodBefore, parseCalendarPeriod } from './duration';

describe('parseCalendarPeriod', () => {
  it.each([
    ['P6M', 6],
    ['P12M', 12],
    ['P1Y', 12],
    ['P1Y6M', 18],
  ])('%s is %i months', (iso, months) => {
    expect(parseCalendarPeriod(iso)).toEqual({ months });
  });

  it.each(['P0M', 'P6D', 'P1M2D', 'PT6H', '6M', 'P-6M', 'P1.5M', '', 'P'])('refuses %j', (bad) => {
    expect(() => parseCalendarPeriod(bad)).toThrow(`invalid calendar period "${bad}"`);
  });
});

describe('calendarPeriodBefore', () => {
  it('counts calendar months back, keeping the time of day (UTC)', () => {
    expect(calendarPeriodBefore(new Date('2030-09-15T10:20:30.400Z'), 'P6M')).toEqual(new Date('2030-03-15T10:20:30.400Z'));
    expect(calendarPeriodBefore(new Date('2030-03-15T00:00:00Z'), 'P6M')).toEqual(new Date('2029-09-15T00:00:00Z'));
    expect(calendarPeriodBefore(new Date('2030-03-15T00:00:00Z'), 'P1Y')).toEqual(new Date('2029-03-15T00:00:00Z'));
  });

  it('lands on the last day of a shorter month', () => {
    expect(calendarPeriodBefore(new Date('2030-08-31T12:00:00Z'), 'P6M')).toEqual(new Date('2030-02-28T12:00:00Z'));
    expect(calendarPeriodBefore(new Date('2032-08-31T12:00:00Z'), 'P6M')).toEqual(new Date('2032-02-29T12:00:00Z'));
    expect(calendarPeriodBefore(new Date('2032-02-29T12:00:00Z'), 'P12M')).toEqual(new Date('2031-02-28T12:00:00Z'));
  });
});
