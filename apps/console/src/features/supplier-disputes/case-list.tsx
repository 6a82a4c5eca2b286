import { Anchor, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { CountdownBadge } from '../../components/countdown-badge';
import { DateTime } from '../../components/date-time';
import { QueryState } from '../../components/loading';
import { MoneyText } from '../../components/money-text';
import { caseApi, unwrap } from '../../lib/api';
import type { Case } from '../../lib/case-query';
import { REASON_LABELS, shortId, STATUS_LABELS } from '../../lib/labels';
import { keys } from '../../lib/query-keys';
import type { CaseFilter } from './case-filters';

/** The caller's disputes under filters; each with its next deadline when it has one. */
export function CaseList({ filters, countdownKind }: { filters: CaseFilter[]; countdownKind?: string }) {
  const [value, setValue] = useState(filters[0].value);
  const filter = filters.find((f) => f.value === value)!;
  const pages = useQueries({
    queries: filter.statuses.map((status) => ({
      queryKey: [...keys.cases, status],
      queryFn: async () => unwrap(await caseApi.GET('/v1/cases', { params: { query: { status, limit: 100 } } })),
      refetchInterval: 15_000,
    })),
  });
  const loaded = pages.every((p) => p.data);
  const error = pages.find((p) => p.error)?.error;
  const cases = pages
    .flatMap((p) => p.data?.data ?? [])
    .filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i)
    .filter((c) => !filter.keep || filter.keep(c))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const more = pages.some((p) => p.data?.nextCursor);

  return (
    <Stack gap="md">
      <SegmentedControl value={value} onChange={setValue} data={filters.map((f) => ({ value: f.value, label: f.label }))} fullWidth orientation={filters.length > 2 ? undefined : 'horizontal'} aria-label="Show" styles={{ label: { whiteSpace: 'normal' } }} />
      {!loaded ? (
        <QueryState error={error} label="Loading disputes" />
      ) : !cases.length ? (
        <Text size="sm">No disputes here.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {cases.map((c) => (
            <CaseCard key={c.id} theCase={c} countdownKind={countdownKind} />
          ))}
        </SimpleGrid>
      )}
      {more && <Text size="xs" c="dimmed">Showing the newest 100 of each status.</Text>}
    </Stack>
  );
}

function CaseCard({ theCase, countdownKind }: { theCase: Case; countdownKind?: string }) {
  const due = theCase.deadlines.find((d) => d.kind === countdownKind);
  return (
    <Card withBorder padding="sm" component="article">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={`/cases/${theCase.id}`} fw={600}>
            {REASON_LABELS[theCase.reason]} · case {shortId(theCase.id)}
          </Anchor>
          <Text fw={600}>
            <MoneyText money={theCase.claim} />
          </Text>
        </Group>
        <Group gap={6}>
          <Badge variant="light" color="gray.8">
            {STATUS_LABELS[theCase.status]}
          </Badge>
          {due && <CountdownBadge dueAt={due.dueAt} />}
        </Group>
        <Text size="xs" c="dimmed">
          Opened <DateTime iso={theCase.createdAt} />
        </Text>
      </Stack>
    </Card>
  );
}
