import { Table, Text } from '@mantine/core';
import { DateTime } from '../../components/date-time';
import { RowAction } from '../../components/row-action';
import { caseApi, unwrap } from '../../lib/api';
import { DELIVERY_STATUS_LABELS, EVENT_LABELS, shortId } from '../../lib/labels';
import { useAction } from '../../lib/use-action';
import { type Delivery, useDeliveryChanged } from './use-deliveries';

/** One delivery of the log: what was sent, where it stands, what the receiver last answered; Redeliver. */
export function DeliveryRow({ webhookId, delivery }: { webhookId: string; delivery: Delivery }) {
  const changed = useDeliveryChanged(webhookId);
  const redeliver = useAction(
    async (_: null, key: string) =>
      unwrap(await caseApi.POST('/v1/webhooks/deliveries/{id}/redeliver', { params: { path: { id: delivery.id }, header: { 'Idempotency-Key': key } }, body: {} })),
    changed,
  );
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{EVENT_LABELS[delivery.eventType]}</Text>
        <Text size="xs" c="dimmed">
          {delivery.eventType} · X-Event-Id{' '}
          <span title={delivery.eventId} style={{ fontFamily: 'monospace' }}>
            {shortId(delivery.eventId)}
          </span>
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {DELIVERY_STATUS_LABELS[delivery.status]}
        </Text>
        {delivery.status === 'pending' && delivery.nextAttemptAt && (
          <Text size="xs" c="dimmed">
            Next attempt <DateTime iso={delivery.nextAttemptAt} />
          </Text>
        )}
      </Table.Td>
      <Table.Td>{delivery.attempts}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm">{delivery.lastStatusCode === null ? (delivery.attempts ? 'No answer' : 'Not sent yet') : `HTTP ${delivery.lastStatusCode}`}</Text>
        {delivery.lastError && (
          <Text size="xs" c="dimmed">
            {delivery.lastError}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          <DateTime iso={delivery.createdAt} />
        </Text>
        <Text size="xs" c="dimmed">
          {delivery.deliveredAt ? (
            <>
              Delivered <DateTime iso={delivery.deliveredAt} />
            </>
          ) : (
            'Not delivered'
          )}
        </Text>
      </Table.Td>
      <Table.Td>
        <RowAction label="Redeliver" action={redeliver} onClick={() => redeliver.mutate(null)} status={`Sent again: ${DELIVERY_STATUS_LABELS[delivery.status].toLowerCase()}`} />
      </Table.Td>
    </Table.Tr>
  );
}
