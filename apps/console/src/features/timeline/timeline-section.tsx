import { Text, Timeline } from '@mantine/core';
import { DateTime } from '../../components/date-time';
import { MoneyText } from '../../components/money-text';
import { QueryState } from '../../components/loading';
import { Section } from '../../components/section';
import { type CaseEvent, evidenceRequestOf, useTimeline } from '../../lib/case-timeline';
import { DEADLINE_LABELS, EVENT_LABELS, ROLE_LABELS } from '../../lib/labels';
import type { Money } from '../../lib/money';

const isMoney = (value: unknown): value is Money => !!value && typeof value === 'object' && typeof (value as Money).amount === 'number' && typeof (value as Money).currency === 'string';

/** One line of detail from the event's data: an amount, a deadline, a file, what was asked for. */
function detailOf(event: CaseEvent) {
  const data = event.data;
  const money = [data.amount, data.refund, data.claim].find(isMoney);
  const kind = typeof data.kind === 'string' && data.kind in DEADLINE_LABELS ? DEADLINE_LABELS[data.kind as keyof typeof DEADLINE_LABELS] : null;
  const fileName = typeof data.fileName === 'string' ? data.fileName : null;
  const requested = event.type === 'case.evidence_requested' ? evidenceRequestOf(event) : null;
  return (
    <>
      {money && <MoneyText money={money} />}
      {kind && <>{kind}</>}
      {fileName && <>{fileName}</>}
      {requested && (
        <>
          From the {requested.from === 'both' ? 'buyer and the supplier' : requested.from}, due <DateTime iso={requested.dueAt} />: “{requested.note}”
        </>
      )}
    </>
  );
}

/** What happened, oldest first: who did what and when, the system's deadlines included. */
export function TimelineSection({ caseId }: { caseId: string }) {
  const timeline = useTimeline(caseId);
  return (
    <Section title="Timeline">
      {!timeline.data ? (
        <QueryState error={timeline.error} label="Loading the timeline" />
      ) : (
        <Timeline bulletSize={12} lineWidth={2} active={timeline.data.length}>
          {timeline.data.map((event) => (
            <Timeline.Item key={event.id} title={EVENT_LABELS[event.type]}>
              <Text size="xs" c="dimmed">
                {event.actor ? ROLE_LABELS[event.actor.role] : 'Arbiter'} · <DateTime iso={event.at} />
              </Text>
              <Text size="sm">{detailOf(event)}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
}
