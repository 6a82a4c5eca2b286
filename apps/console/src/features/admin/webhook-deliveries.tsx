import type { CaseApi } from '@app/api-client';
import { Button, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { QueryState } from '../../components/loading';
import { DataTable } from '../../components/data-table';
import { DeliveryRow } from './delivery-row';
import { type DeliveryStatus, useDeliveries } from './use-deliveries';

type Webhook = CaseApi.Webhook;

const FILTERS: Array<{ value: DeliveryStatus | 'all'; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Waiting' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'failed', label: 'Failed' },
];

const EMPTY: Record<DeliveryStatus | 'all', string> = {
  all: 'Nothing has been posted yet: deliveries appear here as events happen.',
  pending: 'No delivery is waiting to be sent.',
  delivered: 'No delivery has gone through yet.',
  failed: 'No delivery has failed for good.',
};

/** "Deliveries": a webhook's delivery log in a dialog (full screen on a phone), each delivery with Redeliver. */
export function WebhookDeliveries({ hook }: { hook: Webhook }) {
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <Button size="xs" variant="default" onClick={open}>
        Deliveries
      </Button>
      <Modal opened={opened} onClose={close} title="Deliveries" size="64rem" fullScreen={phone} centered>
        {opened && <DeliveryLog hook={hook} />}
      </Modal>
    </>
  );
}

function DeliveryLog({ hook }: { hook: Webhook }) {
  const [filter, setFilter] = useState<DeliveryStatus | 'all'>('all');
  const log = useDeliveries(hook.id, filter === 'all' ? undefined : filter);
  const deliveries = log.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <Stack>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        Every event posted to {hook.url}, newest first. Redeliver sends the same event again, with the same X-Event-Id.
      </Text>
      <SegmentedControl value={filter} onChange={(value) => setFilter(value as DeliveryStatus | 'all')} data={FILTERS} aria-label="Show" />
      {!log.data ? (
        <QueryState error={log.error} label="Loading deliveries" />
      ) : !deliveries.length ? (
        <Text size="sm">{EMPTY[filter]}</Text>
      ) : (
        <DataTable label="Deliveries table" minWidth={780} columns={['Event', 'Status', 'Attempts', 'Last answer', 'Created']}>
          {deliveries.map((delivery) => (
            <DeliveryRow key={delivery.id} webhookId={hook.id} delivery={delivery} />
          ))}
        </DataTable>
      )}
      {log.hasNextPage && (
        <Button variant="default" size="xs" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()} style={{ alignSelf: 'flex-start' }}>
          Show older
        </Button>
      )}
    </Stack>
  );
}
