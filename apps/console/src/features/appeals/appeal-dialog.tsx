import { Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ActionDialog } from '../../components/action-dialog';
import { CountedTextarea } from '../../components/counted-textarea';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';

/** Whether this party may still appeal: once each, while decided, or appealed by the other and not yet taken. */
export function mayAppeal(theCase: Case, party: 'buyer' | 'supplier'): boolean {
  if (theCase.appeals.some((a) => a.by === party)) return false;
  const windowOpen = theCase.deadlines.some((d) => d.kind === 'appeal' && d.party === party);
  return windowOpen && (theCase.status === 'decided' || (theCase.status === 'appealed' && !theCase.reviewerId));
}

/** "Appeal": once per party, with a reason; an escalation reviewer rules, and that ruling is final. */
export function AppealDialog({ theCase }: { theCase: Case }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const action = useCaseAction(
    async (body: { reason: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/appeals', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
    { reason: 'reason', already_appealed: 'reason', deadline_passed: 'reason' },
    close,
  );
  return (
    <>
      <Button variant="light" onClick={() => (action.reset(), open())}>
        Appeal
      </Button>
      <ActionDialog opened={opened} onClose={close} title="Appeal the decision" submitLabel="Submit appeal" pending={action.isPending} problem={action.general} onSubmit={() => action.mutate({ reason: reason.trim() })}>
        <Text size="sm">Each side may appeal once. An escalation reviewer who did not decide the case rules on it; that ruling is final. You may add evidence until a reviewer takes the appeal.</Text>
        <CountedTextarea label="Reason" autoFocus value={reason} onChange={setReason} min={10} max={5000} minRows={4} required description="What the decision got wrong" error={action.fieldErrors.reason} />
      </ActionDialog>
    </>
  );
}
