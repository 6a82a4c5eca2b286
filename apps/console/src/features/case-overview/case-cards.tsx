import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateTime } from '../../components/date-time';
import { MoneyText } from '../../components/money-text';
import type { Case } from '../../lib/case-query';
import { OUTCOME_LABELS, REASON_LABELS, RESOLUTION_LABELS, RULING_LABELS } from '../../lib/labels';

function Fact({ title, children, badge }: { title: string; children: ReactNode; badge?: ReactNode }) {
  return (
    <Card withBorder padding="sm" component="article">
      <Group justify="space-between" mb={4} gap={4}>
        <Text fw={600} size="sm" component="h3">
          {title}
        </Text>
        {badge}
      </Group>
      <Stack gap={4}>{children}</Stack>
    </Card>
  );
}

const Quote = ({ text }: { text: string }) => (
  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
    {text}
  </Text>
);

/** The claim, the offer on the table, the rebuttal, the decision, the appeals and the ruling: what each side said. */
export function CaseCards({ theCase }: { theCase: Case }) {
  const { claim, latestOffer, rebuttal, decision, appeals, appealDecision, outcome } = theCase;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Fact title="Claim" badge={<Badge variant="light" color="gray.8">{REASON_LABELS[theCase.reason]}</Badge>}>
        <Text fw={700} size="lg">
          <MoneyText money={claim} />
        </Text>
        <Quote text={theCase.description} />
      </Fact>
      {latestOffer && (
        <Fact title={latestOffer.by === 'supplier' ? "Supplier's offer" : "Buyer's counter-offer"}>
          <Text fw={700} size="lg">
            <MoneyText money={latestOffer.amount} />
          </Text>
          <Text size="xs" c="dimmed">
            Made <DateTime iso={latestOffer.at} />
          </Text>
        </Fact>
      )}
      {rebuttal && (
        <Fact title="Supplier's rebuttal">
          <Quote text={rebuttal} />
        </Fact>
      )}
      {decision && (
        <Fact title="Decision" badge={<Badge variant="light" color="indigo.9">{OUTCOME_LABELS[decision.outcome]}</Badge>}>
          <Text fw={700}>
            Refund <MoneyText money={decision.refund} />
          </Text>
          <Quote text={decision.rationale} />
          <Text size="xs" c="dimmed">
            Decided <DateTime iso={decision.decidedAt} />
          </Text>
        </Fact>
      )}
      {appeals.map((appeal) => (
        <Fact key={appeal.by} title={`Appeal by the ${appeal.by}`}>
          <Quote text={appeal.reason} />
          <Text size="xs" c="dimmed">
            <DateTime iso={appeal.at} />
          </Text>
        </Fact>
      ))}
      {appealDecision && (
        <Fact title="Ruling on appeal" badge={<Badge variant="light" color="indigo.9">{RULING_LABELS[appealDecision.ruling]}</Badge>}>
          <Text fw={700}>
            Refund <MoneyText money={appealDecision.refund} />
          </Text>
          <Quote text={appealDecision.rationale} />
        </Fact>
      )}
      {outcome && (
        <Fact title="Outcome" badge={<Badge variant="filled" color="teal.9">Final</Badge>}>
          <Text fw={700}>
            Refund <MoneyText money={outcome.refund} />
          </Text>
          <Text size="sm">{RESOLUTION_LABELS[outcome.kind]}</Text>
        </Fact>
      )}
    </SimpleGrid>
  );
}
