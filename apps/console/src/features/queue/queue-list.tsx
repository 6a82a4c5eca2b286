import type { CaseApi } from '@app/api-client';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { CountdownBadge } from '../../components/countdown-badge';
import { QueryState } from '../../components/loading';
import { MoneyText } from '../../components/money-text';
import { caseApi, unwrap } from '../../lib/api';
import { REASON_LABELS, shortId, STATUS_LABELS } from '../../lib/labels';
import { problemOf } from '../../lib/problem';
import { keys } from '../../lib/query-keys';
import { takeRefusal, useTake } from './take';
import { DataTable } from '../../components/data-table';

/** The caller's queue: unassigned cases for the role and their own, overdue first; take the next or one. */
export function QueueList({ myId }: { myId: string }) {
  const queue = useQuery({
    queryKey: keys.queue,
    queryFn: async () => unwrap(await caseApi.GET('/v1/queue', { params: { query: { limit: 100 } } })).data,
    refetchInterval: 10_000,
  });
  const { take, next, refreshQueue } = useTake();
  const [empty, setEmpty] = useState(false);
  const refusal = take.error ?? next.error;
  useEffect(() => {
    if (take.error) void refreshQueue();
  }, [take.error, refreshQueue]);

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Button
          loading={next.isPending}
          onClick={async () => {
            setEmpty(false);
            take.reset();
            const taken = await next.mutateAsync(null).catch(() => undefined);
            if (taken === null) setEmpty(true);
          }}
        >
          Take next case
        </Button>
        {empty && (
          <Text role="status" size="sm">
            The queue is empty: no case is waiting.
          </Text>
        )}
      </Group>
      {refusal && (
        <Alert color="orange" variant="light" title="Not taken">
          {takeRefusal(problemOf(refusal))}
        </Alert>
      )}
      {!queue.data ? (
        <QueryState error={queue.error} label="Loading the queue" />
      ) : !queue.data.length ? (
        <Text size="sm">Nothing waits in your queue.</Text>
      ) : (
        <DataTable label="Queue" minWidth={640} columns={['Case', 'Reason and claim', 'Status', 'Due']} highlightOnHover>
          {queue.data.map((c) => (
            <QueueRow key={c.id} theCase={c} mine={c.specialistId === myId || c.reviewerId === myId} taking={take.isPending} onTake={() => (next.reset(), take.mutate(c.id))} />
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

/** A queued case: what staff recognise it by (its id, the order's own reference), what it is about, when it is due. */
function QueueRow({ theCase, mine, taking, onTake }: { theCase: CaseApi.QueueCase; mine: boolean; taking: boolean; onTake(): void }) {
  const due = theCase.deadlines.find((d) => d.kind === 'pickup') ?? theCase.deadlines.find((d) => d.kind === 'decision' || d.kind === 'evidence');
  return (
    <Table.Tr>
      <Table.Td>
        <Link to={`/cases/${theCase.id}`} style={{ fontFamily: 'monospace' }}>
          {shortId(theCase.id)}
        </Link>
        {theCase.orderExternalRef && (
          <Text size="xs" c="dimmed">
            {theCase.orderExternalRef}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{REASON_LABELS[theCase.reason]}</Text>
        <Text size="sm" fw={600}>
          <MoneyText money={theCase.claim} />
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge variant="light" color="gray.8">
            {STATUS_LABELS[theCase.status]}
          </Badge>
          {theCase.overdue && (
            <Badge variant="filled" color="red.9">
              Overdue
            </Badge>
          )}
          {mine && (
            <Badge variant="light" color="indigo.9">
              Yours
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{due ? <CountdownBadge dueAt={due.dueAt} /> : '—'}</Table.Td>
      <Table.Td>
        {mine ? (
          <Button component={Link} to={`/cases/${theCase.id}`} size="xs" variant="default">
            Open
          </Button>
        ) : (
          <Button size="xs" onClick={onTake} disabled={taking}>
            Take
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
