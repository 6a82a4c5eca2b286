import { List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CountdownBadge } from '../../components/countdown-badge';
import { Section } from '../../components/section';
import type { Case } from '../../lib/case-query';
import { latestRequestTo, useTimeline } from '../../lib/case-timeline';
import { DEADLINE_LABELS, ROLE_LABELS } from '../../lib/labels';
import type { Role } from '../../lib/session';
import { myDeadlines, upcoming } from './my-deadlines';

/** "What you must do": each of the viewer's open deadlines with a live countdown, then the actions for now. */
export function WhatYouMustDo({ theCase, role, children, idle }: { theCase: Case; role: Role; children?: ReactNode; idle: string }) {
  const mine = myDeadlines(theCase.deadlines, role);
  const next = upcoming(theCase.deadlines, role);
  return (
    <Section title="What you must do">
      <Stack gap="md">
        {mine.length ? (
          <List spacing="xs" listStyleType="none" p={0}>
            {mine.map((d) => (
              <List.Item key={`${d.kind}-${d.party}`}>
                {d.kind === 'evidence_request' && (role === 'buyer' || role === 'supplier') ? (
                  <RequestedEvidence caseId={theCase.id} party={role} />
                ) : (
                  <Text size="sm" fw={500}>
                    {DEADLINE_LABELS[d.kind]}
                  </Text>
                )}
                <CountdownBadge dueAt={d.dueAt} withDate />
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{idle}</Text>
        )}
        {next.map((d) => (
          <Text size="sm" key={d.kind} c="dimmed">
            Unless you agree, the case goes to a trade specialist: <CountdownBadge dueAt={d.dueAt} />
          </Text>
        ))}
        {children}
      </Stack>
    </Section>
  );
}

/** An evidence request to the viewer: who asked and what for, in their words (the timeline holds the note). */
function RequestedEvidence({ caseId, party }: { caseId: string; party: 'buyer' | 'supplier' }) {
  const timeline = useTimeline(caseId);
  const request = timeline.data ? latestRequestTo(timeline.data, party) : null;
  const asker = request?.by === 'reviewer' ? 'reviewer' : 'specialist';
  return (
    <>
      <Text size="sm" fw={500}>
        {request ? `The ${ROLE_LABELS[asker].toLowerCase()} asked you for more evidence: add it under Evidence` : DEADLINE_LABELS.evidence_request}
      </Text>
      {request && (
        <Text size="sm" component="blockquote" m={0} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-indigo-3)', overflowWrap: 'anywhere' }}>
          {request.note}
        </Text>
      )}
    </>
  );
}
