import type { CaseApi } from '@app/api-client';
import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { caseApi, unwrap } from '../../lib/api';
import { problemOf, splitProblem } from '../../lib/problem';
import { keys } from '../../lib/query-keys';
import { useAction } from '../../lib/use-action';
import { SecretOnce } from './secret-once';

type CreatedWebhook = CaseApi.CreatedWebhook;

/** "Add webhook": its URL, then its signing secret, shown once. */
export function AddWebhook() {
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
          <SecretOnce secret={created.secret} onDone={close} />
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
