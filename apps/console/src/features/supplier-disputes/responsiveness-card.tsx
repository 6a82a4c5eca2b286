import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { QueryState } from '../../components/loading';
import { caseApi, unwrap } from '../../lib/api';
import { keys } from '../../lib/query-keys';

/** The supplier's own responsiveness, as buyers' storefronts will show it: how often and how fast it answers. */
export function ResponsivenessCard({ supplierId }: { supplierId: string }) {
  const id = useId();
  const metrics = useQuery({
    queryKey: keys.supplierMetrics(supplierId),
    queryFn: async () => unwrap(await caseApi.GET('/v1/suppliers/{id}/metrics', { params: { path: { id: supplierId } } })),
  });
  const figures = (label: string, m: NonNullable<typeof metrics.data>['last30Days']) => [
    { label: `Disputes, ${label}`, value: m.disputes.toLocaleString() },
    { label: `Answered in time, ${label}`, value: m.disputes ? `${Math.round(m.responseRate * 100)} %` : '—' },
    { label: `Median first answer, ${label}`, value: m.medianFirstResponseHours === null ? '—' : `${m.medianFirstResponseHours.toLocaleString()} h` },
  ];
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" radius="md">
      <Title order={2} size="h4" id={id} mb="sm">
        Your responsiveness
      </Title>
      {!metrics.data ? (
        <QueryState error={metrics.error} label="Loading your responsiveness" />
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          {[...figures('30 days', metrics.data.last30Days), ...figures('12 months', metrics.data.last12Months)].map((f) => (
            <div key={f.label}>
              <Text size="xs" c="dimmed">
                {f.label}
              </Text>
              <Text fw={700}>{f.value}</Text>
            </div>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}
