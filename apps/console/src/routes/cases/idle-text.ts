import type { Case } from '../../lib/case-query';
import type { Role } from '../../lib/session';

/** What the viewer waits for when nothing is due from them: the page says so rather than showing nothing. */
export function idleText(c: Case, role: Role): string {
  const other = role === 'buyer' ? 'supplier' : 'buyer';
  switch (c.status) {
    case 'open':
      return role === 'buyer' ? (c.rebuttal ? 'The supplier rejected the claim: escalate to a trade specialist when you can.' : 'Waiting for the supplier to answer your claim.') : 'Nothing is due from you now.';
    case 'negotiating':
      return c.latestOffer?.by === role ? `Waiting for the ${other} to answer your offer.` : 'Answer the offer: accept it or make another.';
    case 'escalated':
      return 'Waiting for a trade specialist to take the case.';
    case 'under_review':
      return role === 'specialist' ? 'Decide the case.' : 'A trade specialist is reviewing the case.';
    case 'decided':
      return 'The decision becomes final when the appeal windows close.';
    case 'appealed':
      return role === 'reviewer' ? 'Rule on the appeal.' : 'An escalation reviewer is ruling on the appeal.';
    case 'resolved':
      return 'The case is resolved: nothing more to do.';
    default:
      return 'The case is closed: nothing more to do.';
  }
}
