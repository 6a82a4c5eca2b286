import { ACTORS, caseIn, domainErrorOf } from './case-fixtures';
import { assertMayPostMessage } from './case-machine';
import { CASE_STATUSES } from './case-types';

const { buyer, supplier, specialist, otherSpecialist, reviewer, otherReviewer, otherBuyer, platform, admin } = ACTORS;

describe('assertMayPostMessage', () => {
  it('lets the parties and the assigned specialist and reviewer post while the case is active', () => {
    const appealed = caseIn('appealed', { reviewerId: reviewer.id });
    for (const author of [buyer, supplier, specialist, reviewer]) expect(() => assertMayPostMessage(appealed, author)).not.toThrow();
  });

  it('refuses staff who only see the case: any specialist of an escalated case, a reviewer of an overdue one', () => {
    expect(domainErrorOf(() => assertMayPostMessage(caseIn('escalated'), otherSpecialist)).code).toBe('forbidden');
    expect(domainErrorOf(() => assertMayPostMessage(caseIn('under_review', { overdue: true }), otherReviewer)).code).toBe('forbidden');
    expect(domainErrorOf(() => assertMayPostMessage(caseIn('appealed'), otherReviewer)).code).toBe('forbidden');
  });

  it('refuses read-only roles and strangers', () => {
    for (const actor of [platform, admin, otherBuyer]) expect(domainErrorOf(() => assertMayPostMessage(caseIn('open'), actor)).code).toBe('forbidden');
  });

  it('takes no messages once the case is over, who is acting checked first', () => {
    for (const status of CASE_STATUSES) {
      const ended = ['resolved', 'withdrawn', 'cancelled'].includes(status);
      const check = () => assertMayPostMessage(caseIn(status), buyer);
      if (ended) expect(domainErrorOf(check).code).toBe('invalid_state');
      else expect(check).not.toThrow();
    }
    expect(domainErrorOf(() => assertMayPostMessage(caseIn('resolved'), otherSpecialist)).code).toBe('forbidden');
  });
});
