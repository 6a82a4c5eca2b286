import type { Case } from '../../lib/case-query';
import { evidenceWindowOpen } from './evidence-window';

const NOW = Date.parse('2030-01-10T12:00:00Z');
const LATER = '2030-01-11T12:00:00Z';
const EARLIER = '2030-01-10T11:00:00Z';
const withCase = (over: Partial<Case>): Case => ({ status: 'open', deadlines: [], appeals: [], reviewerId: null, ...over }) as unknown as Case;
const deadline = (kind: string, party: string, dueAt: string) => ({ kind, party, dueAt }) as Case['deadlines'][number];

describe('when a party may add evidence', () => {
  it('while the case is open, negotiating or escalated', () => {
    for (const status of ['open', 'negotiating', 'escalated'] as const) expect(evidenceWindowOpen(withCase({ status }), 'buyer', NOW)).toBe(true);
  });

  it('under review: until the evidence window closes, then only while a request to that party is open', () => {
    expect(evidenceWindowOpen(withCase({ status: 'under_review', deadlines: [deadline('evidence', 'both', LATER)] }), 'supplier', NOW)).toBe(true);
    expect(evidenceWindowOpen(withCase({ status: 'under_review', deadlines: [deadline('evidence', 'both', EARLIER)] }), 'supplier', NOW)).toBe(false);
    const requested = withCase({ status: 'under_review', deadlines: [deadline('decision', 'specialist', LATER), deadline('evidence_request', 'supplier', LATER)] });
    expect(evidenceWindowOpen(requested, 'supplier', NOW)).toBe(true);
    expect(evidenceWindowOpen(requested, 'buyer', NOW)).toBe(false);
    expect(evidenceWindowOpen(withCase({ status: 'under_review', deadlines: [deadline('evidence_request', 'supplier', EARLIER)] }), 'supplier', NOW)).toBe(false);
  });

  it('on appeal: the appellant until a reviewer takes it, anyone the reviewer asks', () => {
    const appealed = withCase({ status: 'appealed', appeals: [{ by: 'buyer', reason: 'The photos were added late.', at: EARLIER }] });
    expect(evidenceWindowOpen(appealed, 'buyer', NOW)).toBe(true);
    expect(evidenceWindowOpen(appealed, 'supplier', NOW)).toBe(false);
    const taken = { ...appealed, reviewerId: '6f1c2d3e-0000-4000-8000-000000000000' };
    expect(evidenceWindowOpen(taken, 'buyer', NOW)).toBe(false);
    expect(evidenceWindowOpen({ ...taken, deadlines: [deadline('evidence_request', 'supplier', LATER)] }, 'supplier', NOW)).toBe(true);
  });

  it('never once the case is decided or closed', () => {
    for (const status of ['decided', 'resolved', 'withdrawn', 'cancelled'] as const) expect(evidenceWindowOpen(withCase({ status, deadlines: [deadline('evidence', 'both', LATER)] }), 'buyer', NOW)).toBe(false);
  });
});
