import { CaseSnapshot, Party } from './case-types';
import { dueAtOf } from './case-transitions';

/**
 * DOMAIN.md "Evidence": a party may upload while its side may still argue, and while an evidence request
 * to it is open (the assigned specialist or reviewer reopened its window until the request's due time).
 */
export function evidenceWindowOpen(snapshot: CaseSnapshot, party: Party, now: Date): boolean {
  const openUntil = (closesAt: Date | undefined) => closesAt !== undefined && now < closesAt;
  const requested = openUntil(dueAtOf(snapshot, 'evidence_request', party));
  switch (snapshot.status) {
    case 'open':
    case 'negotiating':
    case 'escalated':
      return true;
    case 'under_review':
      return openUntil(dueAtOf(snapshot, 'evidence')) || requested;
    case 'appealed':
      // An appellant may bring new evidence until a reviewer takes the appeal up.
      return (snapshot.reviewerId === null && snapshot.appeals.some((appeal) => appeal.by === party)) || requested;
    default:
      return false;
  }
}
