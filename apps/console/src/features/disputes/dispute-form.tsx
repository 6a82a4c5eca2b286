import { Button, NativeSelect, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { AmountField } from '../../components/amount-field';
import { CountedTextarea } from '../../components/counted-textarea';
import { ProblemAlert } from '../../components/problem-alert';
import { caseApi, unwrap } from '../../lib/api';
import type { Case, Order } from '../../lib/case-query';
import { REASON_LABELS } from '../../lib/labels';
import { parseAmount } from '../../lib/money';
import { problemOf, splitProblem } from '../../lib/problem';
import { useAction } from '../../lib/use-action';
import { EvidenceFilesInput } from './evidence-files-input';

type Reason = Case['reason'];

// Where the API's field paths and refusal codes belong on this form.
const FIELDS = {
  reason: 'reason',
  'claim.amount': 'claim',
  'claim.currency': 'claim',
  claim: 'claim',
  amount_exceeds_order: 'claim',
  currency_mismatch: 'claim',
  description: 'description',
  not_covered: 'reason',
  claim_window_closed: 'reason',
};

/** Reason (only those the order's state covers), claim in major units, description, evidence files. */
export function DisputeForm({ order, onOpened }: { order: Order; onOpened(opened: Case, files: File[]): void }) {
  const currency = order.amount.currency;
  const [reason, setReason] = useState<Reason>(order.coverage.reasons[0]);
  const [claim, setClaim] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [claimError, setClaimError] = useState<string>();

  const open = useAction(
    async (body: { orderId: string; reason: Reason; claim: { amount: number; currency: string }; description: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases', { body, params: { header: { 'Idempotency-Key': key } } })),
    (opened) => onOpened(opened, files),
  );
  const { fieldErrors, general } = open.error ? splitProblem(problemOf(open.error), FIELDS) : { fieldErrors: {} as Record<string, string>, general: null };

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmount(claim, currency);
    if (!parsed.ok) return setClaimError(parsed.message);
    setClaimError(undefined);
    open.mutate({ orderId: order.id, reason, claim: { amount: parsed.amount, currency }, description: description.trim() });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <NativeSelect
          label="Reason"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value as Reason)}
          data={order.coverage.reasons.map((value) => ({ value, label: REASON_LABELS[value] }))}
          error={fieldErrors.reason}
          description="Only the reasons this order's state covers now are offered"
        />
        <AmountField
          label="Claim amount"
          currency={currency}
          value={claim}
          onChange={(value) => {
            setClaim(value);
            setClaimError(undefined);
          }}
          max={order.amount.amount}
          description="The refund you ask for"
          error={claimError ?? fieldErrors.claim}
          required
        />
        <CountedTextarea
          label="Description"
          value={description}
          onChange={setDescription}
          min={10}
          max={5000}
          minRows={4}
          required
          description="What is wrong, and what you expected"
          error={fieldErrors.description}
        />
        <EvidenceFilesInput files={files} onChange={setFiles} />
        <ProblemAlert problem={general} title="The dispute was not opened" />
        <Button type="submit" loading={open.isPending} style={{ alignSelf: 'flex-start' }}>
          Submit dispute
        </Button>
      </Stack>
    </form>
  );
}
