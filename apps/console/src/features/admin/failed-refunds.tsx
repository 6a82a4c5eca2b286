import type { CaseApi } from '@app/api-client';
import { Anchor, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
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
  // Refunds sent again stay in the table with what came of it until the page is left, though no longer failed.
  const [sentAgain, setSentAgain] = useState<Refund[]>([]);
  const rows = refunds.data && [...refunds.data, ...sentAgain.filter((sent) => !refunds.data.some((refund) => refund.id === sent.id))];
  return (
    <Section title="Failed refunds">
      {!rows ? (
        <QueryState error={refunds.error} label="Loading failed refunds" />
      ) : !rows.length ? (
        <Text size="sm">No failed refunds: every refund has gone through or is on its way.</Text>
      ) : (
        <DataTable label="Failed refunds table" minWidth={640} columns={['Case', 'Amount', 'Why it failed', 'Attempts']}>
          {rows.map((refund) => (
            <FailedRefundRow key={refund.id} refund={refund} onSentAgain={() => setSentAgain((sent) => [...sent, refund])} />
          ))}
        </DataTable>
      )}
    </Section>
  );
}

function FailedRefundRow({ refund, onSentAgain }: { refund: Refund; onSentAgain(): void }) {
  const client = useQueryClient();
  const retry = useAction(
    async (_: null, key: string) =>
      unwrap(await caseApi.POST('/v1/cases/{id}/refund/retry', { params: { path: { id: refund.caseId }, header: { 'Idempotency-Key': key } }, body: {} })),
    () => {
      onSentAgain();
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
