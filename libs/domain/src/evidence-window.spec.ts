import { ACTORS, caseIn, day } from './case-fixtures';
import { CASE_STATUSES } from './case-types';
import { evidenceWindowOpen } from './evidence-window';

describe('evidenceWindowOpen', () => {
  it.each(['open', 'negotiating', 'escalated'] as const)('is open for both parties in %s', (status) => {
    expect(evidenceWindowOpen(caseIn(status), 'buyer', day(5))).toBe(true);
    expect(evidenceWindowOpen(caseIn(status), 'supplier', day(5))).toBe(true);
  });

  it('under_review: open until the evidence deadline', () => {
    const underReview = caseIn('under_review'); // evidence due day 8
    expect(evidenceWindowOpen(underReview, 'supplier', day(7.99))).toBe(true);
    expect(evidenceWindowOpen(underReview, 'supplier', day(8))).toBe(false);
    expect(evidenceWindowOpen(caseIn('under_review', { openDeadlines: [] }), 'buyer', day(6))).toBe(false);
  });

  it('decided: closed until a party appeals', () => {
    expect(evidenceWindowOpen(caseIn('decided'), 'buyer', day(10))).toBe(false);
  });

  it('appealed: open for the appellant only, until a reviewer takes it', () => {
    const appealed = caseIn('appealed'); // appealed by the buyer
    expect(evidenceWindowOpen(appealed, 'buyer', day(12))).toBe(true);
    expect(evidenceWindowOpen(appealed, 'supplier', day(12))).toBe(false);
    expect(evidenceWindowOpen(caseIn('appealed', { reviewerId: ACTORS.reviewer.id }), 'buyer', day(12))).toBe(false);
  });

  it.each(['resolved', 'withdrawn', 'cancelled'] as const)('is closed in %s', (status) => {
    expect(evidenceWindowOpen(caseIn(status), 'buyer', day(1))).toBe(false);
  });

  it('answers for every status without throwing', () => {
    for (const status of CASE_STATUSES) expect(typeof evidenceWindowOpen(caseIn(status), 'buyer', day(1))).toBe('boolean');
  });
});
