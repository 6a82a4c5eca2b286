import type { Case } from '../../lib/case-query';

/**
 * Whether a party may add evidence now, by the API's rule (DOMAIN.md "Evidence"): while the case is open,
 * negotiating or escalated; under review until the evidence window closes; on appeal, the appellant until a
 * reviewer takes it; and whenever a specialist's or reviewer's request to that party is open.
 */
export function evidenceWindowOpen(theCase: Case, party: 'buyer' | 'supplier', now: number): boolean {
  const openUntil = (kind: 'evidence' | 'evidence_request', who: readonly string[]) =>
    theCase.deadlines.some((d) => d.kind === kind && who.includes(d.party) && Date.parse(d.dueAt) > now);
  const requested = openUntil('evidence_request', [party]);
  switch (theCase.status) {
    case 'open':
    case 'negotiating':
    case 'escalated':
      return true;
    case 'under_review':
      return openUntil('evidence', [party, 'both']) || requested;
    case 'appealed':
      return (theCase.reviewerId === null && theCase.appeals.some((appeal) => appeal.by === party)) || requested;
    default:
      return false;
  }
}
