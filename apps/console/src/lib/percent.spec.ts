import { formatPercent } from './percent';

describe('rates in words', () => {
  it('shows a fraction as a percentage with one decimal at most', () => {
    expect(formatPercent(0, 'en')).toBe('0 %');
    expect(formatPercent(1, 'en')).toBe('100 %');
    expect(formatPercent(0.05, 'en')).toBe('5 %');
    expect(formatPercent(0.3333, 'en')).toBe('33.3 %');
    expect(formatPercent(0.0417, 'en')).toBe('4.2 %');
  });
});
