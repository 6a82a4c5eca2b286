import { Button, Stack, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ActionDialog } from '../../components/action-dialog';
import { AmountField } from '../../components/amount-field';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';
import { parseAmount } from '../../lib/money';

const FIELDS = { 'amount.amount': 'amount', amount: 'amount', amount_exceeds_order: 'amount', currency_mismatch: 'amount', note: 'note' };

/** "Make offer" (supplier) or "Counter-offer" (buyer): an amount in major units and an optional note. */
export function OfferDialog({ theCase, label }: { theCase: Case; label: 'Make offer' | 'Counter-offer' }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const currency = theCase.claim.currency;
  const action = useCaseAction(
    async (body: { amount: { amount: number; currency: string }; note?: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/offers', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
    FIELDS,
    close,
  );

  const submit = () => {
    const parsed = parseAmount(amount, currency);
    if (!parsed.ok) return setAmountError(parsed.message);
    setAmountError(undefined);
    action.mutate({ amount: { amount: parsed.amount, currency }, ...(note.trim() && { note: note.trim() }) });
  };

  return (
    <>
      <Button
        variant={label === 'Make offer' ? 'filled' : 'light'}
        onClick={() => {
          setAmount('');
          setNote('');
          setAmountError(undefined);
          action.reset();
          open();
        }}
      >
        {label}
      </Button>
      <ActionDialog opened={opened} onClose={close} title={label} submitLabel="Send offer" pending={action.isPending} problem={action.general} onSubmit={submit}>
        <Stack gap="sm">
          <AmountField
            label="Offer amount" autoFocus
            currency={currency}
            value={amount}
            onChange={setAmount}
            max={theCase.claim.amount}
            description="The refund you offer"
            error={amountError ?? action.fieldErrors.amount}
            required
          />
          <Textarea label="Note" description="Optional: why this amount (up to 2,000 characters)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} autosize minRows={2} error={action.fieldErrors.note} />
        </Stack>
      </ActionDialog>
    </>
  );
}
