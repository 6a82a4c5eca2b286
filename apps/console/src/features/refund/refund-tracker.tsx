import { Alert, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DateTime } from '../../components/date-time';
import { MoneyText } from '../../components/money-text';
import { Section } from '../../components/section';
import { caseApi, unwrap } from '../../lib/api';
import type { Case } from '../../lib/case-query';
import { PAYMENT_METHOD_LABELS } from '../../lib/labels';
import { ProblemError } from '../../lib/problem';
import { keys } from '../../lib/query-keys';

const STEPS = [
  { key: 'pending', label: 'Pending' },
  { key: 'sent', label: 'Sent' },
  { key: 'succeeded', label: 'Arrived' },
] as const;

/** Where the refund is: pending → sent → arrived, to which payment method, and when it should arrive. */
export function RefundTracker({ theCase }: { theCase: Case }) {
  const refund = useQuery({
    queryKey: keys.refund(theCase.id),
    queryFn: async () => {
      try {
        return unwrap(await caseApi.GET('/v1/cases/{id}/refund', { params: { path: { id: theCase.id } } }));
      } catch (error) {
        if (error instanceof ProblemError && error.code === 'not_found') return null;
        throw error;
      }
    },
    refetchInterval: (query) => (query.state.data && !['succeeded', 'failed'].includes(query.state.data.status) ? 2000 : theCase.status === 'resolved' && !query.state.data ? 2000 : false),
  });
  const data = refund.data;
  return (
    <Section title="Refund">
      {!data ? (
        <Text size="sm">{theCase.outcome && theCase.outcome.refund.amount === 0 ? 'No refund: the case was resolved without one.' : theCase.status === 'resolved' ? 'The refund is being set up.' : 'A refund is made once the case is resolved in the buyer’s favour.'}</Text>
      ) : (
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap">
            <Text fw={700} size="lg">
              <MoneyText money={data.amount} />
            </Text>
            <Text size="sm">to the original {PAYMENT_METHOD_LABELS[data.paymentMethod]}</Text>
          </Group>
          <ol aria-label="Refund progress" style={{ display: 'flex', gap: 6, listStyle: 'none', padding: 0, margin: 0, flexWrap: 'wrap' }}>
            {STEPS.map((step, i) => {
              const reached = reachedStep(data.status) >= i;
              const current = reachedStep(data.status) === i;
              return (
                <li
                  key={step.key}
                  aria-current={current ? 'step' : undefined}
                  style={{
                    padding: '4px 12px',
                    borderRadius: 12,
                    fontSize: 14,
                    background: reached ? 'var(--mantine-color-teal-9)' : 'var(--mantine-color-gray-1)',
                    color: reached ? 'white' : 'var(--mantine-color-gray-8)',
                  }}
                >
                  {!reached && <span className="visually-hidden">Not yet: </span>}
                  {step.label}
                </li>
              );
            })}
          </ol>
          <Text size="sm" data-refund-status={data.status}>
            {data.status === 'succeeded' && data.succeededAt && (
              <>
                Arrived <DateTime iso={data.succeededAt} />.
              </>
            )}
            {data.status === 'sent' && data.expectedArrivalAt && (
              <>
                Sent{data.sentAt && <> <DateTime iso={data.sentAt} /></>}; expected to arrive by <DateTime iso={data.expectedArrivalAt} dateOnly />.
              </>
            )}
            {(data.status === 'pending' || data.status === 'processing') && 'Being sent to the payment provider.'}
          </Text>
          {data.status === 'failed' && (
            <Alert color="red" variant="light" title="The refund failed">
              {data.failureReason ?? 'The payment provider refused it.'} Operations have been told and will send it again; nothing is lost.
            </Alert>
          )}
        </Stack>
      )}
    </Section>
  );
}

function reachedStep(status: string): number {
  if (status === 'succeeded') return 2;
  if (status === 'sent') return 1;
  return 0;
}
