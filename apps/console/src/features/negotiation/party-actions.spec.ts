import type { Case } from '../../lib/case-query';
import { partyActions } from './party-actions';

const NOW = Date.parse('2030-01-10T12:00:00Z');
const base = {
  status: 'open',
  latestOffer: null,
  rebuttal: null,
  deadlines: [{ kind: 'escalation_allowed', party: 'both', dueAt: '2030-01-12T12:00:00Z' }],
} as unknown as Case;
const withCase = (over: Partial<Case>): Case => ({ ...base, ...over }) as Case;

describe('what a party may do on a case', () => {
  it('lets the supplier answer an open claim, and the buyer edit it, escalation waiting for its time', () => {
    expect(partyActions(base, 'supplier', NOW)).toMatchObject({ acceptClaim: true, makeOffer: true, rebut: true, acceptOffer: false, escalate: true, escalateFrom: '2030-01-12T12:00:00Z' });
    expect(partyActions(base, 'buyer', NOW)).toMatchObject({ editClaim: true, counterOffer: false, acceptOffer: false, withdraw: true });
  });

  it('has offers alternate: the addressee accepts or counters, the author waits', () => {
    const offered = withCase({ status: 'negotiating', latestOffer: { by: 'supplier', amount: { amount: 100, currency: 'USD' }, at: '2030-01-10T00:00:00Z' } });
    expect(partyActions(offered, 'buyer', NOW)).toMatchObject({ acceptOffer: true, counterOffer: true });
    expect(partyActions(offered, 'supplier', NOW)).toMatchObject({ acceptOffer: false, makeOffer: false, acceptClaim: false });
    const countered = withCase({ status: 'negotiating', latestOffer: { by: 'buyer', amount: { amount: 200, currency: 'USD' }, at: '2030-01-10T01:00:00Z' } });
    expect(partyActions(countered, 'supplier', NOW)).toMatchObject({ acceptOffer: true, makeOffer: true });
    expect(partyActions(countered, 'buyer', NOW)).toMatchObject({ acceptOffer: false, counterOffer: false });
  });

  it('allows escalation once its time has come, and only withdrawal before a decision', () => {
    expect(partyActions(base, 'buyer', Date.parse('2030-01-13T00:00:00Z')).escalateFrom).toBeNull();
    expect(partyActions(withCase({ status: 'under_review' }), 'buyer', NOW)).toMatchObject({ withdraw: true, escalate: false, editClaim: false });
    expect(partyActions(withCase({ status: 'decided' }), 'buyer', NOW)).toMatchObject({ withdraw: false });
    expect(partyActions(withCase({ rebuttal: 'Not our fault, here is why.' }), 'supplier', NOW).rebut).toBe(false);
  });
});
