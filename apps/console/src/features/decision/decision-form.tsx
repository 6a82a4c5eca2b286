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

type Outcome = 'refund_full' | 'refund_partial' | 'no_refund';
const KIND: Record<Outcome, 'full' | 'partial' | 'none'> = { refund_full: 'full', refund_partial: 'partial', no_refund: 'none' };
const FIELDS = { outcome: 'outcome', 'refund.amount': 'refund', refund: 'refund', amount_exceeds_order: 'refund', currency_mismatch: 'refund', rationale: 'rationale' };

/** The specialist's decision: outcome, the refund for a partial one, the rationale; confirmed before it is sent. */
export function DecisionForm({ theCase }: { theCase: Case }) {
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [amount, setAmount] = useState('');
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<{ outcome: Outcome; refund: number } | null>(null);
  const action = useCaseAction(
    async (body: { outcome: Outcome; refund?: { amount: number; currency: string }; rationale: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/decision', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
    FIELDS,
  );
  const currency = theCase.claim.currency;

  const review = (event: FormEvent) => {
    event.preventDefault();
    action.reset();
    const found: Record<string, string> = {};
    if (!outcome) found.outcome = 'Choose an outcome';
    const refund = outcome ? refundOf(KIND[outcome], amount, theCase.claim) : null;
    if (refund && !refund.ok) found.refund = refund.message;
    setErrors(found);
    if (outcome && refund?.ok && !Object.keys(found).length) setConfirming({ outcome, refund: refund.amount });
  };

  const send = () => {
    if (!confirming) return;
    const { outcome: chosen, refund } = confirming;
    setConfirming(null);
    action.mutate({ outcome: chosen, ...(chosen === 'refund_partial' && { refund: { amount: refund, currency } }), rationale: rationale.trim() });
  };

  return (
    <Section title="Decision">
      <form onSubmit={review} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Claim: <MoneyText money={theCase.claim} />
          </Text>
          <Radio.Group label="Outcome" value={outcome} onChange={(v) => setOutcome(v as Outcome)} error={errors.outcome ?? action.fieldErrors.outcome} required>
            <Stack gap={6} mt={6}>
              {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((value) => (
                <Radio key={value} value={value} label={OUTCOME_LABELS[value]} />
              ))}
            </Stack>
          </Radio.Group>
          {outcome === 'refund_partial' && (
            <AmountField label="Refund amount" currency={currency} value={amount} onChange={setAmount} max={theCase.claim.amount} description="Between nothing and the claim" error={errors.refund ?? action.fieldErrors.refund} required />
          )}
          <CountedTextarea label="Rationale" value={rationale} onChange={setRationale} min={20} max={10_000} minRows={5} required description="Both parties read it" error={action.fieldErrors.rationale} />
          <ProblemAlert problem={action.general} title="The decision was not recorded" />
          <Button type="submit" loading={action.isPending} style={{ alignSelf: 'flex-start' }}>
            Record decision
          </Button>
        </Stack>
      </form>
      <ConfirmDialog opened={!!confirming} title="Record this decision?" onConfirm={send} onClose={() => setConfirming(null)}>
        {confirming && (
          <Text>
            {OUTCOME_LABELS[confirming.outcome]}: the buyer is refunded <MoneyText money={{ amount: confirming.refund, currency }} /> of the claimed <MoneyText money={theCase.claim} />. Either side may then appeal once.
          </Text>
        )}
      </ConfirmDialog>
    </Section>
  );
}
