import type { CaseApi } from '@app/api-client';
import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DateTime } from '../../components/date-time';
import { QueryState } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { Section } from '../../components/section';
import { caseApi, unwrap } from '../../lib/api';
import { problemOf, splitProblem } from '../../lib/problem';
import { keys } from '../../lib/query-keys';
import { useAction } from '../../lib/use-action';
import { ScrollTable } from '../../components/scroll-table';

type Webhook = CaseApi.Webhook;
type CreatedWebhook = CaseApi.CreatedWebhook;

/** Where Arbiter posts its events: the subscriptions, and adding one (its signing secret is shown once). */
export function Webhooks() {
  const hooks = useQuery({ queryKey: keys.webhooks, queryFn: async () => unwrap(await caseApi.GET('/v1/webhooks', { params: { query: { limit: 100 } } })).data });
  return (
    <Section title="Webhooks" actions={<AddWebhook />}>
      {!hooks.data ? (
        <QueryState error={hooks.error} label="Loading webhooks" />
      ) : !hooks.data.length ? (
        <Text size="sm">No subscriptions: nothing is posted anywhere.</Text>
      ) : (
        <ScrollTable label="Webhook subscriptions" minWidth={560}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>URL</Table.Th>
                <Table.Th>Events</Table.Th>
                <Table.Th>Since</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Action</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hooks.data.map((hook) => (
                <WebhookRow key={hook.id} hook={hook} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Section>
  );
}

function WebhookRow({ hook }: { hook: Webhook }) {
  const client = useQueryClient();
  const [confirming, { open, close }] = useDisclosure(false);
  const remove = useAction(async (_: null) => unwrap(await caseApi.DELETE('/v1/webhooks/{id}', { params: { path: { id: hook.id } } })), () => {
    close();
    void client.invalidateQueries({ queryKey: keys.webhooks });
  });
  return (
    <Table.Tr>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{hook.url}</Table.Td>
      <Table.Td>{hook.events.includes('*') ? 'All events' : hook.events.join(', ')}</Table.Td>
      <Table.Td>
        <DateTime iso={hook.createdAt} dateOnly />
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="subtle" color="red.9" onClick={open}>
          Delete
        </Button>
        <Modal opened={confirming} onClose={close} title="Delete this webhook?" centered>
          <Stack>
            <Text size="sm">Events stop going to {hook.url}.</Text>
            <ProblemAlert problem={remove.error ? problemOf(remove.error) : null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button color="red.9" loading={remove.isPending} onClick={() => remove.mutate(null)}>
                Delete webhook
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Table.Td>
    </Table.Tr>
  );
}

function AddWebhook() {
  const [opened, { open, close }] = useDisclosure(false);
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const client = useQueryClient();
  const create = useAction(
    async (body: { url: string; events: ['*'] }, key: string) =>
      unwrap(await caseApi.POST('/v1/webhooks', { params: { header: { 'Idempotency-Key': key } }, body })),
    (hook) => {
      setCreated(hook);
      void client.invalidateQueries({ queryKey: keys.webhooks });
    },
  );
  const { fieldErrors, general } = create.error ? splitProblem(problemOf(create.error), { url: 'url', events: 'events' }) : { fieldErrors: {} as Record<string, string>, general: null };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ url: url.trim(), events: ['*'] });
  };
  const reset = () => {
    setUrl('');
    setCreated(null);
    create.reset();
    open();
  };
  return (
    <>
      <Button size="xs" onClick={reset}>
        Add webhook
      </Button>
      <Modal opened={opened} onClose={close} title={created ? 'Webhook added' : 'Add webhook'} centered size="lg">
        {created ? (
          <Stack>
            <Alert color="orange" variant="light" title="Store the signing secret now">
              It is shown only this once. Deliveries carry X-Signature: an HMAC-SHA256 of the body with this secret.
            </Alert>
            <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {created.secret}
            </Code>
            <Group justify="flex-end">
              <CopyButton value={created.secret}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy secret'}</Button>}</CopyButton>
              <Button onClick={close}>Done</Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <TextInput label="URL" description="http or https; it must resolve to a public address" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldErrors.url} required type="url" autoComplete="off" />
              <Checkbox label="All events" checked readOnly description="Every event of every case (the API also subscribes to chosen types)" />
              <ProblemAlert problem={general} title="The webhook was not added" />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={create.isPending}>
                  Create
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
