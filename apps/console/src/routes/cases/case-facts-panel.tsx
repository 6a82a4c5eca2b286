import { Anchor, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CountdownBadge } from '../../components/countdown-badge';
import { DateTime } from '../../components/date-time';
import { MoneyText } from '../../components/money-text';
import { Section } from '../../components/section';
import { CasePolicy } from '../../features/case-overview/case-policy';
import { type Case, useOrder } from '../../lib/case-query';
import { DEADLINE_LABELS, ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS, shortId } from '../../lib/labels';

/** What staff look up while deciding: the order, the parties, the case's policy and every open deadline. */
export function CaseFactsPanel({ theCase }: { theCase: Case }) {
  const order = useOrder(theCase.orderId);
  const o = order.data;
  return (
    <Section title="Facts">
      <Stack gap="sm">
        <div>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Order
          </Text>
          {o ? (
            <Text size="sm">
              <Anchor component={Link} to={`/orders/${o.id}`}>
                {o.externalRef ?? shortId(o.id)}
              </Anchor>
              {' · '}
              <MoneyText money={o.amount} /> · {PAYMENT_METHOD_LABELS[o.paymentMethod]} · {ORDER_STATUS_LABELS[o.status]}
              {o.deliveredAt && (
                <>
                  {' '}
                  · delivered <DateTime iso={o.deliveredAt} dateOnly />
                </>
              )}
            </Text>
          ) : (
            <Text size="sm">{shortId(theCase.orderId)}</Text>
          )}
        </div>
        <div>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Parties
          </Text>
          <Text size="sm" ff="monospace">
            Buyer {shortId(theCase.buyerId)} · Supplier {shortId(theCase.supplierId)}
          </Text>
        </div>
        <div>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Deadlines
          </Text>
          {theCase.deadlines.length ? (
            <List spacing={4} listStyleType="none" p={0}>
              {theCase.deadlines.map((d) => (
                <List.Item key={`${d.kind}-${d.party}`}>
                  <Text size="sm">
                    {DEADLINE_LABELS[d.kind]} ({d.party})
                  </Text>
                  <CountdownBadge dueAt={d.dueAt} />
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">None open.</Text>
          )}
        </div>
        <div>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Policy of this case
          </Text>
          <CasePolicy policy={theCase.policy} paymentMethod={o?.paymentMethod} />
        </div>
      </Stack>
    </Section>
  );
}
