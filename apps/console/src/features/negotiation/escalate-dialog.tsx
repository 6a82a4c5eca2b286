import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ActionDialog } from '../../components/action-dialog';
import { DateTime } from '../../components/date-time';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';

/** "Escalate" to a trade specialist: disabled until allowed, saying from when. */
export function EscalateDialog({ theCase, from }: { theCase: Case; from: string | null }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const action = useCaseAction(
    async (body: { reason?: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/escalate', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
    { reason: 'reason', too_early: 'reason' },
    close,
  );
  return (
    <Stack gap={2}>
      <Button variant="default" disabled={!!from} onClick={() => (action.reset(), open())} aria-describedby={from ? `escalate-from-${theCase.id}` : undefined}>
        Escalate
      </Button>
      {from && (
        <Text size="xs" c="dimmed" id={`escalate-from-${theCase.id}`}>
          Possible from <DateTime iso={from} />
        </Text>
      )}
      <ActionDialog opened={opened} onClose={close} title="Escalate to a trade specialist" submitLabel="Confirm escalation" pending={action.isPending} problem={action.general} onSubmit={() => action.mutate(reason.trim() ? { reason: reason.trim() } : {})}>
        <Text size="sm">A trade specialist will take the case, ask both sides for evidence if needed, and decide. Negotiation ends.</Text>
        <Textarea label="Reason" data-autofocus description="Optional: what the specialist should know" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={5000} autosize minRows={3} error={action.fieldErrors.reason} />
      </ActionDialog>
    </Stack>
  );
}
