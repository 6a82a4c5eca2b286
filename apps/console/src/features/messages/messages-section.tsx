import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DateTime } from '../../components/date-time';
import { ProblemAlert } from '../../components/problem-alert';
import { Section } from '../../components/section';
import { caseApi, unwrap } from '../../lib/api';
import { ROLE_LABELS } from '../../lib/labels';
import { problemOf, splitProblem } from '../../lib/problem';
import { allPages } from '../../lib/all-pages';
import { keys } from '../../lib/query-keys';
import { useAction } from '../../lib/use-action';


/** Every message of the case, oldest first (all pages). */
function useMessages(caseId: string) {
  return useQuery({
    queryKey: keys.messages(caseId),
    queryFn: () => allPages(async (cursor) => unwrap(await caseApi.GET('/v1/cases/{id}/messages', { params: { path: { id: caseId }, query: { limit: 100, cursor } } }))),
    refetchInterval: 15_000,
  });
}

/** The conversation between the parties (and the specialist or reviewer), and a box to write in. */
export function MessagesSection({ caseId, myId, canWrite }: { caseId: string; myId: string; canWrite: boolean }) {
  const messages = useMessages(caseId);
  return (
    <Section title="Messages">
      <Stack gap="sm">
        {messages.data && !messages.data.length && (
          <Text size="sm" c="dimmed">
            No messages yet.
          </Text>
        )}
        {messages.error && <ProblemAlert problem={problemOf(messages.error)} />}
        <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: 480, overflowY: 'auto' }} tabIndex={0} aria-label="Messages, oldest first">
          {messages.data?.map((m) => (
            <li key={m.id}>
              <Paper p="xs" radius="md" bg={m.authorId === myId ? 'indigo.0' : 'gray.0'} ml={m.authorId === myId ? 'xl' : 0} mr={m.authorId === myId ? 0 : 'xl'}>
                <Group justify="space-between" gap={4}>
                  <Text size="xs" fw={600}>
                    {m.authorId === myId ? 'You' : ROLE_LABELS[m.authorRole]}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <DateTime iso={m.createdAt} />
                  </Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.body}
                </Text>
              </Paper>
            </li>
          ))}
        </Stack>
        {canWrite && <MessageBox caseId={caseId} />}
      </Stack>
    </Section>
  );
}

function MessageBox({ caseId }: { caseId: string }) {
  const [body, setBody] = useState('');
  const client = useQueryClient();
  const send = useAction(
    async (text: string, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/messages', { params: { path: { id: caseId }, header: { 'Idempotency-Key': key } }, body: { body: text } })),
    () => {
      setBody('');
      void client.invalidateQueries({ queryKey: keys.messages(caseId) });
      void client.invalidateQueries({ queryKey: keys.timeline(caseId) });
    },
  );
  const { fieldErrors, general } = send.error ? splitProblem(problemOf(send.error), { body: 'body' }) : { fieldErrors: {} as Record<string, string>, general: null };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) send.mutate(body.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea label="Message" value={body} onChange={(e) => setBody(e.currentTarget.value)} maxLength={2000} autosize minRows={2} maxRows={8} error={fieldErrors.body} />
        <ProblemAlert problem={general} title="The message was not sent" />
        <Button type="submit" loading={send.isPending} disabled={!body.trim()} style={{ alignSelf: 'flex-end' }}>
          Send
        </Button>
      </Stack>
    </form>
  );
}
