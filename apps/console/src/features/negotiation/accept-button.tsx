import { Button, Stack } from '@mantine/core';
import { ProblemAlert } from '../../components/problem-alert';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';
import type { Money } from '../../lib/money';

/**
 * "Accept claim" / "Accept offer": always names the amount accepted, so if the claim was edited or a new offer
 * came in meanwhile nothing resolves (409 offer_changed, shown with the page refreshed).
 */
export function AcceptButton({ theCase, label, amount }: { theCase: Case; label: 'Accept claim' | 'Accept offer'; amount: Money }) {
  const action = useCaseAction(async (body: { amount: Money }, key: string) =>
    unwrap(await caseApi.POST('/v1/cases/{id}/offers/accept', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
  );
  return (
    <Stack gap={4}>
      <Button color="teal.9" loading={action.isPending} onClick={() => action.mutate({ amount })}>
        {label}
      </Button>
      <ProblemAlert problem={action.general} title={action.general?.code === 'offer_changed' ? 'What is on the table has changed' : undefined} />
    </Stack>
  );
}
