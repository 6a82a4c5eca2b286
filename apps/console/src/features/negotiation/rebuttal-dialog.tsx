import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ActionDialog } from '../../components/action-dialog';
import { CountedTextarea } from '../../components/counted-textarea';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';

/** "Reject with rebuttal": the supplier's side, for the buyer and, later, the specialist to read. */
export function RebuttalDialog({ theCase }: { theCase: Case }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [statement, setStatement] = useState('');
  const action = useCaseAction(
    async (body: { statement: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/rebuttal', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
    { statement: 'statement' },
    close,
  );
  return (
    <>
      <Button variant="light" color="red.9" onClick={() => (action.reset(), open())}>
        Reject with rebuttal
      </Button>
      <ActionDialog opened={opened} onClose={close} title="Reject with rebuttal" submitLabel="Submit rebuttal" color="red.9" pending={action.isPending} problem={action.general} onSubmit={() => action.mutate({ statement: statement.trim() })}>
        <CountedTextarea label="Statement" autoFocus value={statement} onChange={setStatement} min={10} max={5000} minRows={5} required description="Why the claim is not justified" error={action.fieldErrors.statement} />
      </ActionDialog>
    </>
  );
}
