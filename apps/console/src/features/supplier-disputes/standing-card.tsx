import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { DateTime } from '../../components/date-time';
import { FigureGrid } from '../../components/figure-grid';
import { QueryState } from '../../components/loading';
import { MoneyTotals } from '../../components/money-text';
import { Section } from '../../components/section';
import { formatPercent } from '../../lib/percent';
import { type Standing, standingReasons } from './standing-reasons';
import { StorefrontFacts } from './storefront-facts';
import { useStanding } from './supplier-queries';

/**
 * "Trade Assurance standing": whether the supplier is eligible now and, if not, each rule it fails in words; the
 * figures of the eligibility period against their limits; then what buyers see on its storefront.
 */
export function StandingCard({ supplierId }: { supplierId: string }) {
  const standing = useStanding(supplierId);
  return (
    <Section title="Trade Assurance standing">
      <Stack gap="md">
        {!standing.data ? <QueryState error={standing.error} label="Loading your standing" /> : <StandingFacts standing={standing.data} />}
        <StorefrontFacts supplierId={supplierId} />
      </Stack>
    </Section>
  );
}

function StandingFacts({ standing }: { standing: Standing }) {
  const { eligible, period, figures, thresholds } = standing;
  const reasons = standingReasons(standing);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge variant="filled" color={eligible ? 'teal.9' : 'red.9'} styles={{ label: { textTransform: 'none' } }}>
          {eligible ? 'Eligible' : 'Not eligible'}
        </Badge>
        <Text size="sm">
          From <DateTime iso={period.from} dateOnly /> to <DateTime iso={period.to} dateOnly />
        </Text>
      </Group>
      {eligible ? (
        <Text size="sm">You meet every Trade Assurance rule, so buyers see the Trade Assurance badge on your storefront.</Text>
      ) : (
        <List size="sm" spacing={4} aria-label="Why you are not eligible">
          {reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      )}
      <FigureGrid
        figures={[
          { label: 'Completed orders', value: figures.completedOrders.toLocaleString(), note: `at least ${thresholds.minOrders.toLocaleString()}` },
          { label: 'Completed value', value: <MoneyTotals totals={figures.completedValue} /> },
          { label: 'Disputes', value: figures.disputes.toLocaleString() },
          { label: 'Dispute rate', value: formatPercent(figures.disputeRate), note: `at most ${formatPercent(thresholds.maxDisputeRate)}` },
          { label: 'Lost rate', value: formatPercent(figures.lostRate), note: `at most ${formatPercent(thresholds.maxLostRate)}` },
          {
            label: 'Response rate',
            value: formatPercent(figures.responseRate),
            note: `at least ${formatPercent(thresholds.minResponseRate)}${figures.awaitingResponse ? `; ${figures.awaitingResponse.toLocaleString()} still within their response time, not counted yet` : ''}`,
          },
        ]}
      />
    </Stack>
  );
}
