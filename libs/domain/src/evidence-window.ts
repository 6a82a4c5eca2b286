import { CaseSnapshot, Party } from './case-types';
import { dueAtOf } from './case-transitions';

/** DOMAIN.md "Evidence": a party may upload while its side may still argue. */
export function evidenceWindowOpen(snapshot: CaseSnapshot, party: Party, now: Date): boolean {
  switch (snapshot.status) {
    case 'open':
    case 'negotiating':
    case 'escalated':
      return true;
    case 'under_review': {
      const closesAt = dueAtOf(snapshot, 'evidence');
      return closesAt !== undefined && now < closesAt;
    }
    case 'appealed':
      // An appellant may bring new evidence until a reviewer takes the appeal up.
      return snapshot.reviewerId === null && snapshot.appeals.some((appeal) => appeal.by === party);
    default:
      return false;
  }
}
