import type { CaseApi } from '@app/api-client';
import { Anchor, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import { QueryState } from '../../components/loading';
import { MoneyText } from '../../components/money-text';
import { RowAction } from '../../components/row-action';
import { Section } from '../../components/section';
import { caseApi, unwrap } from '../../lib/api';
import { PAYMENT_METHOD_LABELS, REFUND_STATUS_LABELS, shortId } from '../../lib/labels';
import { keys } from '../../lib/query-keys';
import { useAction } from '../../lib/use-action';
import { DataTable } from '../../components/data-table';

type Refund = CaseApi.Refund;

/** Refunds the gateway refused after every retry: each can be sent again once the cause is dealt with. */
export function FailedRefunds() {
  const refunds = useQuery({
    queryKey: keys.refunds('failed'),
    queryFn: async () => unwrap(await caseApi.GET('/v1/refunds', { params: { query: { status: 'failed', limit: 100 } } })).data,
    refetchInterval: 10_000,
  });
  return (
    <Section title="Failed refunds">
      {!refunds.data ? (
        <QueryState error={refunds.error} label="Loading failed refunds" />
      ) : !refunds.data.length ? (
        <Text size="sm">No failed refunds: every refund has gone through or is on its way.</Text>
      ) : (
        <DataTable label="Failed refunds table" minWidth={640} columns={['Case', 'Amount', 'Why it failed', 'Attempts']}>
          {refunds.data.map((refund) => (
            <FailedRefundRow key={refund.id} refund={refund} />
          ))}
        </DataTable>
      )}
    </Section>
  );
}

function FailedRefundRow({ refund }: { refund: Refund }) {
  const client = useQueryClient();
  const retry = useAction(
    async (_: null, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/refund/retry', { params: { path: { id: refund.caseId }, header: { 'Idempotency-Key': key } }, body: {} })),
    () => {
      void client.invalidateQueries({ queryKey: ['refunds'] });
      void client.invalidateQueries({ queryKey: keys.refund(refund.caseId) });
    },
  );
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/cases/${refund.caseId}`} ff="monospace">
          {shortId(refund.caseId)}
        </Anchor>
        <Text size="xs" c="dimmed">
          <DateTime iso={refund.createdAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        <MoneyText money={refund.amount} />
        <Text size="xs" c="dimmed">
          {PAYMENT_METHOD_LABELS[refund.paymentMethod]}
        </Text>
      </Table.Td>
      <Table.Td>{refund.failureReason ?? REFUND_STATUS_LABELS[refund.status]}</Table.Td>
      <Table.Td>{refund.attempts}</Table.Td>
      <Table.Td>
        <RowAction label="Send again" action={retry} onClick={() => retry.mutate(null)} status="Sent again: pending" once />
      </Table.Td>
    </Table.Tr>
  );
}
