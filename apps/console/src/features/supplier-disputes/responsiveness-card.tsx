import { Stack, Text } from '@mantine/core';
import { FigureGrid } from '../../components/figure-grid';
import { QueryState } from '../../components/loading';
import { Section } from '../../components/section';
import { describeHours } from '../../lib/duration';
import { formatPercent } from '../../lib/percent';
import { useMetrics } from './supplier-queries';

/**
 * The supplier's recent responsiveness: the last 30 days, which the 12 months buyers see (the standing card's
 * storefront) hide. The 12-month rates are not repeated here.
 */
export function ResponsivenessCard({ supplierId }: { supplierId: string }) {
  const metrics = useMetrics(supplierId);
  const recent = metrics.data?.last30Days;
  return (
    <Section title="Your responsiveness">
      {!metrics.data || !recent ? (
        <QueryState error={metrics.error} label="Loading your responsiveness" />
      ) : (
        <Stack gap="sm">
          <FigureGrid
            figures={[
              { label: 'Disputes, 30 days', value: recent.disputes.toLocaleString() },
              { label: 'Answered in time, 30 days', value: recent.disputes ? formatPercent(recent.responseRate) : '—' },
              { label: 'Median first answer, 30 days', value: describeHours(recent.medianFirstResponseHours) },
              { label: 'Disputes, 12 months', value: metrics.data.last12Months.disputes.toLocaleString() },
            ]}
          />
          <Text size="xs" c="dimmed">
            Answer each claim within its response time: a claim left unanswered is resolved for the buyer.
          </Text>
        </Stack>
      )}
    </Section>
  );
}
