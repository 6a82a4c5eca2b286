import type { CaseApi } from '@app/api-client';
import { Button, Group, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DateTime } from '../../components/date-time';
import { QueryState } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { DataTable } from '../../components/data-table';
import { Section } from '../../components/section';
import { caseApi, unwrap } from '../../lib/api';
import { problemOf } from '../../lib/problem';
import { keys } from '../../lib/query-keys';
import { useAction } from '../../lib/use-action';
import { AddWebhook } from './add-webhook';
import { RotateSecret } from './rotate-secret';
import { WebhookDeliveries } from './webhook-deliveries';

type Webhook = CaseApi.Webhook;

/** Where Arbiter posts its events: the subscriptions, each with its deliveries, its secret to rotate; adding one. */
export function Webhooks() {
  const hooks = useQuery({ queryKey: keys.webhooks, queryFn: async () => unwrap(await caseApi.GET('/v1/webhooks', { params: { query: { limit: 100 } } })).data });
  return (
    <Section title="Webhooks" actions={<AddWebhook />}>
      {!hooks.data ? (
        <QueryState error={hooks.error} label="Loading webhooks" />
      ) : !hooks.data.length ? (
        <Text size="sm">No subscriptions: nothing is posted anywhere.</Text>
      ) : (
        <DataTable label="Webhook subscriptions" minWidth={720} columns={['URL', 'Events', 'Since']} action="Actions">
          {hooks.data.map((hook) => (
            <WebhookRow key={hook.id} hook={hook} />
          ))}
        </DataTable>
      )}
    </Section>
  );
}

function WebhookRow({ hook }: { hook: Webhook }) {
  return (
    <Table.Tr>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{hook.url}</Table.Td>
      <Table.Td>{hook.events.includes('*') ? 'All events' : hook.events.join(', ')}</Table.Td>
      <Table.Td>
        <DateTime iso={hook.createdAt} dateOnly />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="wrap">
          <WebhookDeliveries hook={hook} />
          <RotateSecret hook={hook} />
          <DeleteWebhook hook={hook} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function DeleteWebhook({ hook }: { hook: Webhook }) {
  const client = useQueryClient();
  const [confirming, { open, close }] = useDisclosure(false);
  const remove = useAction(async (_: null) => unwrap(await caseApi.DELETE('/v1/webhooks/{id}', { params: { path: { id: hook.id } } })), () => {
    close();
    void client.invalidateQueries({ queryKey: keys.webhooks });
  });
  return (
    <>
      <Button size="xs" variant="subtle" color="red.9" onClick={open}>
        Delete
      </Button>
      <ConfirmDialog opened={confirming} onClose={close} title="Delete this webhook?" confirmLabel="Delete webhook" color="red.9" loading={remove.isPending} onConfirm={() => remove.mutate(null)}>
        <Text size="sm">Events stop going to {hook.url}.</Text>
        <ProblemAlert problem={remove.error ? problemOf(remove.error) : null} />
      </ConfirmDialog>
    </>
  );
}
