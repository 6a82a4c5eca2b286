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

  it('an open evidence request reopens the named party\'s window until its due time, and only that party\'s', () => {
    const requested = (status: 'under_review' | 'appealed') =>
      caseIn(status, { reviewerId: ACTORS.reviewer.id, openDeadlines: [{ kind: 'evidence_request', party: 'supplier', dueAt: day(12) }] });
    for (const status of ['under_review', 'appealed'] as const) {
      expect(evidenceWindowOpen(requested(status), 'supplier', day(11.99))).toBe(true);
      expect(evidenceWindowOpen(requested(status), 'supplier', day(12))).toBe(false);
      expect(evidenceWindowOpen(requested(status), 'buyer', day(11))).toBe(false);
    }
  });

  it('a request still open in a status it means nothing in reopens nothing', () => {
    const stale = caseIn('decided', { openDeadlines: [{ kind: 'evidence_request', party: 'buyer', dueAt: day(12) }] });
    expect(evidenceWindowOpen(stale, 'buyer', day(11))).toBe(false);
  });

  it.each(['resolved', 'withdrawn', 'cancelled'] as const)('is closed in %s', (status) => {
    expect(evidenceWindowOpen(caseIn(status), 'buyer', day(1))).toBe(false);
  });

  it('answers for every status without throwing', () => {
    for (const status of CASE_STATUSES) expect(typeof evidenceWindowOpen(caseIn(status), 'buyer', day(1))).toBe('boolean');
  });
});
