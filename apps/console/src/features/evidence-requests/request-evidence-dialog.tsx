import { Button, NativeSelect, Radio, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { ActionDialog } from '../../components/action-dialog';
import { CountedTextarea } from '../../components/counted-textarea';
import { caseApi, unwrap } from '../../lib/api';
import { useCaseAction } from '../../lib/case-action';
import type { Case } from '../../lib/case-query';
import { describeDuration } from '../../lib/duration';

type From = 'buyer' | 'supplier' | 'both';
const FROM: Array<{ value: From; label: string }> = [
  { value: 'buyer', label: 'Buyer' },
  { value: 'supplier', label: 'Supplier' },
  { value: 'both', label: 'Both' },
];
const FIELDS = { from: 'from', note: 'note', dueIn: 'dueIn' };
/** Due times offered besides the case's own default; the API takes any up to 30 days. */
const DUE_IN = ['PT12H', 'P1D', 'P2D', 'P3D', 'P5D', 'P7D'];

/**
 * "Request evidence" (the assigned specialist, or the reviewer on an appeal): from whom, what is needed, and by
 * when. The named party's evidence window reopens until then and they are told at once.
 */
export function RequestEvidenceDialog({ theCase }: { theCase: Case }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [from, setFrom] = useState<From | ''>('');
  const [note, setNote] = useState('');
  const [dueIn, setDueIn] = useState(theCase.policy.evidenceRequestWindow);
  const [fromError, setFromError] = useState<string>();
  const action = useCaseAction(
    async (body: { from: From; note: string; dueIn?: string }, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/evidence-requests', { params: { path: { id: theCase.id }, header: { 'Idempotency-Key': key } }, body })),
    FIELDS,
    close,
  );
  const policyDefault = theCase.policy.evidenceRequestWindow;
  const choices = [policyDefault, ...DUE_IN.filter((d) => d !== policyDefault)].map((value) => ({
    value,
    label: value === policyDefault ? `${describeDuration(value)} (this case's policy)` : describeDuration(value),
  }));

  const submit = () => {
    if (!from) return setFromError('Choose whom to ask');
    setFromError(undefined);
    action.mutate({ from, note: note.trim(), ...(dueIn !== policyDefault && { dueIn }) });
  };

  return (
    <>
      <Button
        variant="light"
        onClick={() => {
          setFrom('');
          setNote('');
          setDueIn(policyDefault);
          setFromError(undefined);
          action.reset();
          open();
        }}
      >
        Request evidence
      </Button>
      <ActionDialog opened={opened} onClose={close} title="Request evidence" submitLabel="Send request" pending={action.isPending} problem={action.general} onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">The party you ask may add evidence again until the due time, and is told at once; the decision clock starts again from then.</Text>
          <Radio.Group label="From" value={from} onChange={(v) => (setFrom(v as From), setFromError(undefined))} error={fromError ?? action.fieldErrors.from} required>
            <Stack gap={6} mt={6}>
              {FROM.map((f, i) => (
                <Radio key={f.value} value={f.value} label={f.label} data-autofocus={i === 0 || undefined} />
              ))}
            </Stack>
          </Radio.Group>
          <CountedTextarea label="Note" value={note} onChange={setNote} min={1} max={2000} required description="What you need and why: the party reads it" error={action.fieldErrors.note} />
          <NativeSelect label="Due in" data={choices} value={dueIn} onChange={(e) => setDueIn(e.currentTarget.value)} error={action.fieldErrors.dueIn} />
        </Stack>
      </ActionDialog>
    </>
  );
}
