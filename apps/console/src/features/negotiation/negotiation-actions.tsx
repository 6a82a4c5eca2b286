import { Group, Text } from '@mantine/core';
import type { Case } from '../../lib/case-query';
import { useNow } from '../../lib/use-now';
import { AcceptButton } from './accept-button';
import { EditClaimDialog } from './edit-claim-dialog';
import { EscalateDialog } from './escalate-dialog';
import { OfferDialog } from './offer-dialog';
import { type Party, partyActions } from './party-actions';
import { RebuttalDialog } from './rebuttal-dialog';
import { WithdrawDialog } from './withdraw-dialog';

/** The party's moves on the case now: accept, offer or counter, rebut, edit, escalate, withdraw. */
export function NegotiationActions({ theCase, party }: { theCase: Case; party: Party }) {
  const now = useNow();
  const can = partyActions(theCase, party, now);
  const offer = theCase.latestOffer;
  const any = can.acceptClaim || can.acceptOffer || can.makeOffer || can.counterOffer || can.rebut || can.editClaim || can.escalate || can.withdraw;
  if (!any) return null;
  return (
    <div>
      {offer && offer.by === party && ['open', 'negotiating'].includes(theCase.status) && (
        <Text size="sm" mb="xs">
          Your offer is with the {party === 'buyer' ? 'supplier' : 'buyer'}: wait for their answer, or escalate.
        </Text>
      )}
      <Group gap="sm" align="flex-start">
        {can.acceptClaim && <AcceptButton theCase={theCase} label="Accept claim" amount={theCase.claim} />}
        {can.acceptOffer && offer && <AcceptButton theCase={theCase} label="Accept offer" amount={offer.amount} />}
        {can.makeOffer && <OfferDialog theCase={theCase} label="Make offer" />}
        {can.counterOffer && <OfferDialog theCase={theCase} label="Counter-offer" />}
        {can.rebut && <RebuttalDialog theCase={theCase} />}
        {can.editClaim && <EditClaimDialog theCase={theCase} />}
        {can.escalate && <EscalateDialog theCase={theCase} from={can.escalateFrom} />}
        {can.withdraw && <WithdrawDialog theCase={theCase} />}
      </Group>
    </div>
  );
}
