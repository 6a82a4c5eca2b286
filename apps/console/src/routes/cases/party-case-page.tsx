import { Anchor, Grid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../../components/page';
import { AppealDialog, mayAppeal } from '../../features/appeals/appeal-dialog';
import { CaseCards } from '../../features/case-overview/case-cards';
import { StatusSteps } from '../../features/case-overview/status-steps';
import { WhatYouMustDo } from '../../features/deadlines/what-you-must-do';
import { EvidenceSection } from '../../features/evidence/evidence-section';
import { MessagesSection } from '../../features/messages/messages-section';
import { NegotiationActions } from '../../features/negotiation/negotiation-actions';
import { RefundTracker } from '../../features/refund/refund-tracker';
import { TimelineSection } from '../../features/timeline/timeline-section';
import { type Case, useOrder } from '../../lib/case-query';
import { REASON_LABELS, shortId } from '../../lib/labels';
import type { Session } from '../../lib/session';
import { idleText } from './idle-text';
import { useCasePageShown } from './use-case-page-shown';

/** A party's case: where it stands, what they must do and can do now, what each side said, the money, the talk. */
export function PartyCasePage({ theCase, session }: { theCase: Case; session: Session }) {
  useCasePageShown(theCase.id);
  const order = useOrder(theCase.orderId);
  const party = session.role === 'buyer' || session.role === 'supplier' ? session.role : null;
  return (
    <Page title={`${REASON_LABELS[theCase.reason]} · case ${shortId(theCase.id)}`} size="xl">
      <Text size="sm">
        On order{' '}
        <Anchor component={Link} to={`/orders/${theCase.orderId}`}>
          {order.data?.externalRef ?? shortId(theCase.orderId)}
        </Anchor>
      </Text>
      <StatusSteps theCase={theCase} />
      {party && (
        <WhatYouMustDo theCase={theCase} role={party} idle={idleText(theCase, party)}>
          <NegotiationActions theCase={theCase} party={party} />
          {mayAppeal(theCase, party) && <AppealDialog theCase={theCase} />}
        </WhatYouMustDo>
      )}
      <CaseCards theCase={theCase} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <EvidenceSection theCase={theCase} role={session.role} />
            <RefundTracker theCase={theCase} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <MessagesSection caseId={theCase.id} myId={session.userId} canWrite={!!party && !['resolved', 'withdrawn', 'cancelled'].includes(theCase.status)} />
            <TimelineSection caseId={theCase.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}
