import { Button, Radio, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { AmountField } from '../../components/amount-field';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CountedTextarea } from '../../components/counted-textarea';
import { MoneyText } from '../../components/money-text';
import { ProblemAlert } from '../../components/problem-alert';
import { Section } from '../../components/section';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';
import { OUTCOME_LABELS } from '../../lib/labels';
import { refundOf } from './refund-choice';

type Ruling = 'upheld' | 'modified';
const FIELDS = { ruling: 'ruling', 'refund.amount': 'refund', refund: 'refund', amount_exceeds_order: 'refund', currency_mismatch: 'refund', rationale: 'rationale' };

/** The reviewer's ruling on the appeal: uphold the decision, or modify its refund; final once recorded. */
export function RulingForm({ theCase }: { theCase: Case }) {
  const [ruling, setRuling] = useState<Ruling | ''>('');
  const [amount, setAmount] = useState('');
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<{ ruling: Ruling; refund: number } | null>(null);
  const action = useCaseAction(
    async (body: { ruling: Ruling; refund?: { amount: number; currency: string }; rationale: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/appeal-decision', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
    FIELDS,
  );
  const currency = theCase.claim.currency;
  const decided = theCase.decision!;

  const review = (event: FormEvent) => {
    event.preventDefault();
    action.reset();
    const found: Record<string, string> = {};
    if (!ruling) found.ruling = 'Choose a ruling';
    const refund = ruling === 'modified' ? refundOf('partial', amount, theCase.claim) : { ok: true as const, amount: decided.refund.amount };
    if (!refund.ok) found.refund = refund.message;
    setErrors(found);
    if (ruling && refund.ok && !Object.keys(found).length) setConfirming({ ruling, refund: refund.amount });
  };

  const send = () => {
    if (!confirming) return;
    const { ruling: chosen, refund } = confirming;
    setConfirming(null);
    action.mutate({ ruling: chosen, ...(chosen === 'modified' && { refund: { amount: refund, currency } }), rationale: rationale.trim() });
  };

  return (
    <Section title="Ruling">
      <form onSubmit={review} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Under appeal: {OUTCOME_LABELS[decided.outcome]}, refund <MoneyText money={decided.refund} /> of the claimed <MoneyText money={theCase.claim} />.
          </Text>
          <Radio.Group label="Ruling" value={ruling} onChange={(v) => setRuling(v as Ruling)} error={errors.ruling ?? action.fieldErrors.ruling} required>
            <Stack gap={6} mt={6}>
              <Radio value="upheld" label="Uphold" />
              <Radio value="modified" label="Modify" />
            </Stack>
          </Radio.Group>
          {ruling === 'modified' && (
            <AmountField label="Refund amount" currency={currency} value={amount} onChange={setAmount} max={theCase.claim.amount} description="The refund instead of the decision's (nothing overturns it)" error={errors.refund ?? action.fieldErrors.refund} required />
          )}
          <CountedTextarea label="Rationale" value={rationale} onChange={setRationale} min={20} max={10_000} minRows={5} required description="Both parties read it; the ruling is final" error={action.fieldErrors.rationale} />
          <ProblemAlert problem={action.general} title="The ruling was not recorded" />
          <Button type="submit" loading={action.isPending} style={{ alignSelf: 'flex-start' }}>
            Record ruling
          </Button>
        </Stack>
      </form>
      <ConfirmDialog opened={!!confirming} title="Record this ruling?" onConfirm={send} onClose={() => setConfirming(null)}>
        {confirming && (
          <Text>
            {confirming.ruling === 'upheld' ? 'Uphold the decision' : 'Modify the decision'}: the buyer is refunded <MoneyText money={{ amount: confirming.refund, currency }} />. This ruling is final.
          </Text>
        )}
      </ConfirmDialog>
    </Section>
  );
}
