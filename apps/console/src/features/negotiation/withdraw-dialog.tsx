import { Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ActionDialog } from '../../components/action-dialog';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';

/** "Withdraw" the dispute (buyer, before a decision), confirmed in a dialog. */
export function WithdrawDialog({ theCase }: { theCase: Case }) {
  const [opened, { open, close }] = useDisclosure(false);
  const action = useCaseAction(
    async (_: Record<string, never>, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/withdraw', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body: {} })),
    {},
    close,
  );
  return (
    <>
      <Button variant="subtle" color="gray.8" onClick={() => (action.reset(), open())}>
        Withdraw
      </Button>
      <ActionDialog opened={opened} onClose={close} title="Withdraw the dispute?" submitLabel="Confirm withdrawal" color="red.9" pending={action.isPending} problem={action.general} onSubmit={() => action.mutate({})}>
        <Text size="sm">The dispute ends without a refund, and the escrow goes on as if it had never been opened. This cannot be undone.</Text>
      </ActionDialog>
    </>
  );
}
