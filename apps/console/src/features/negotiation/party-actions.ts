import type { Case } from '../../lib/case-query';

export type Party = 'buyer' | 'supplier';

/** What a party may do on the case now: the buttons to show (the API still decides, and says why not). */
export interface PartyActions {
  acceptClaim: boolean;
  acceptOffer: boolean;
  makeOffer: boolean;
  counterOffer: boolean;
  rebut: boolean;
  editClaim: boolean;
  escalate: boolean;
  /** Escalation becomes possible then (before it, the button is disabled and says so). */
  escalateFrom: string | null;
  withdraw: boolean;
}

const BARGAINING: ReadonlyArray<Case['status']> = ['open', 'negotiating'];

export function partyActions(theCase: Case, party: Party, now: number): PartyActions {
  const bargaining = BARGAINING.includes(theCase.status);
  const offer = theCase.latestOffer;
  const escalationAt = theCase.deadlines.find((d) => d.kind === 'escalation_allowed')?.dueAt ?? null;
  const escalateFrom = escalationAt && Date.parse(escalationAt) > now ? escalationAt : null;
  const supplier = party === 'supplier';
  return {
    acceptClaim: supplier && theCase.status === 'open' && !offer,
    acceptOffer: bargaining && !!offer && offer.by !== party,
    makeOffer: supplier && bargaining && offer?.by !== 'supplier',
    counterOffer: !supplier && theCase.status === 'negotiating' && offer?.by === 'supplier',
    rebut: supplier && bargaining && !theCase.rebuttal,
    editClaim: !supplier && bargaining,
    escalate: bargaining,
    escalateFrom,
    withdraw: !supplier && ['open', 'negotiating', 'escalated', 'under_review'].includes(theCase.status),
  };
}
