import { Grid, Stack } from '@mantine/core';
import { Page } from '../../components/page';
import { CaseCards } from '../../features/case-overview/case-cards';
import { StatusSteps } from '../../features/case-overview/status-steps';
import { WhatYouMustDo } from '../../features/deadlines/what-you-must-do';
import { DecisionForm } from '../../features/decision/decision-form';
import { RulingForm } from '../../features/decision/ruling-form';
import { EvidenceSection } from '../../features/evidence/evidence-section';
import { RequestEvidenceDialog } from '../../features/evidence-requests/request-evidence-dialog';
import { MessagesSection } from '../../features/messages/messages-section';
import { TakeButton } from '../../features/queue/take-button';
import { RefundTracker } from '../../features/refund/refund-tracker';
import { TimelineSection } from '../../features/timeline/timeline-section';
import type { Case } from '../../lib/case-query';
import { REASON_LABELS, shortId } from '../../lib/labels';
import type { Session } from '../../lib/session';
import { CaseFactsPanel } from './case-facts-panel';
import { idleText } from './idle-text';
import { useCasePageShown } from './use-case-page-shown';

/**
 * The specialist's or reviewer's workspace: left, the facts (order, parties, policy, deadlines); centre, both
 * sides' evidence side by side and what each said; right, asking for more evidence and the decision or ruling.
 */
export function StaffWorkspace({ theCase, session }: { theCase: Case; session: Session }) {
  useCasePageShown(theCase.id);
  const specialist = session.role === 'specialist';
  const assigned = specialist ? theCase.specialistId === session.userId : theCase.reviewerId === session.userId;
  const takeable = !assigned && (specialist ? theCase.status === 'escalated' && !theCase.specialistId : theCase.status === 'appealed' && !theCase.reviewerId);
  const deciding = assigned && (specialist ? theCase.status === 'under_review' : theCase.status === 'appealed');
  return (
    <Page title={`${REASON_LABELS[theCase.reason]} · case ${shortId(theCase.id)}`} size="xl">
      <StatusSteps theCase={theCase} />
      <WhatYouMustDo theCase={theCase} role={session.role} idle={takeable ? 'Take the case to work on it.' : assigned ? idleText(theCase, session.role) : 'This case is not yours to work on.'}>
        {takeable && <TakeButton caseId={theCase.id} />}
      </WhatYouMustDo>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <CaseFactsPanel theCase={theCase} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 6 }}>
          <Stack gap="md">
            <EvidenceSection theCase={theCase} role={session.role} />
            <CaseCards theCase={theCase} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 3 }}>
          <Stack gap="md">
            {deciding && <RequestEvidenceDialog theCase={theCase} />}
            {deciding && specialist && <DecisionForm theCase={theCase} />}
            {deciding && !specialist && theCase.decision && <RulingForm theCase={theCase} />}
            <RefundTracker theCase={theCase} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MessagesSection caseId={theCase.id} myId={session.userId} canWrite={assigned && ['under_review', 'appealed'].includes(theCase.status)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TimelineSection caseId={theCase.id} />
        </Grid.Col>
      </Grid>
    </Page>
  );
}
