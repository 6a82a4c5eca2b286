import { Button, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ActionDialog } from '../../components/action-dialog';
import { AmountField } from '../../components/amount-field';
import { CountedTextarea } from '../../components/counted-textarea';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';
import { parseAmount, toMajorText } from '../../lib/money';

const FIELDS = { 'claim.amount': 'claim', claim: 'claim', amount_exceeds_order: 'claim', currency_mismatch: 'claim', description: 'description' };

/** "Edit claim": the buyer changes the amount or the description while the case is open or negotiating. */
export function EditClaimDialog({ theCase }: { theCase: Case }) {
  const [opened, { open, close }] = useDisclosure(false);
  const currency = theCase.claim.currency;
  const [claim, setClaim] = useState('');
  const [description, setDescription] = useState('');
  const [claimError, setClaimError] = useState<string>();
  const action = useCaseAction(
    async (body: { claim?: { amount: number; currency: string }; description?: string }, key: string) => {
      void key; // PATCH takes no Idempotency-Key: editing to the same values twice changes nothing twice.
      return unwrap(await caseApi.PATCH('/v1/cases/{id}', { params: { path: { id: theCase.id } }, body }));
    },
    FIELDS,
    close,
  );
  const submit = () => {
    const parsed = parseAmount(claim, currency);
    if (!parsed.ok) return setClaimError(parsed.message);
    setClaimError(undefined);
    action.mutate({
      ...(parsed.amount !== theCase.claim.amount && { claim: { amount: parsed.amount, currency } }),
      ...(description.trim() !== theCase.description && { description: description.trim() }),
    });
  };
  return (
    <>
      <Button
        variant="default"
        onClick={() => {
          setClaim(toMajorText(theCase.claim.amount, currency));
          setDescription(theCase.description);
          setClaimError(undefined);
          action.reset();
          open();
        }}
      >
        Edit claim
      </Button>
      <ActionDialog opened={opened} onClose={close} title="Edit claim" submitLabel="Save claim" pending={action.isPending} problem={action.general} onSubmit={submit}>
        <Stack gap="sm">
          <AmountField label="Claim amount" autoFocus currency={currency} value={claim} onChange={setClaim} error={claimError ?? action.fieldErrors.claim} required />
          <CountedTextarea label="Description" value={description} onChange={setDescription} min={10} max={5000} error={action.fieldErrors.description} required />
        </Stack>
      </ActionDialog>
    </>
  );
}
