import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateTime } from '../../components/date-time';
import { MoneyText } from '../../components/money-text';
import { Section } from '../../components/section';
import type { Order } from '../../lib/case-query';
import { ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS } from '../../lib/labels';
import { ScrollTable } from '../../components/scroll-table';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** What was ordered, what it cost and how it was paid, where it is, and the escrow holding the money. */
export function OrderFacts({ order }: { order: Order }) {
  return (
    <Section title="Order">
      <Stack gap="md">
        <Group gap={6}>
          <Badge variant="light" color="gray.8">
            {ORDER_STATUS_LABELS[order.status]}
          </Badge>
          <Badge variant="light" color={order.tradeAssurance ? 'green.9' : 'gray.8'}>
            {order.tradeAssurance ? 'Trade Assurance' : 'No Trade Assurance'}
          </Badge>
          {order.customized && (
            <Badge variant="light" color="gray.8">
              Customised goods
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Fact label="Amount">
            <MoneyText money={order.amount} />
          </Fact>
          <Fact label="Paid by">{PAYMENT_METHOD_LABELS[order.paymentMethod]}</Fact>
          <Fact label="Ship by">
            <DateTime iso={order.shipBy} dateOnly />
          </Fact>
          <Fact label="Reference">{order.externalRef ?? '—'}</Fact>
          <Fact label="Paid">{order.paidAt ? <DateTime iso={order.paidAt} /> : 'Not yet'}</Fact>
          <Fact label="Shipped">{order.shippedAt ? <DateTime iso={order.shippedAt} /> : 'Not yet'}</Fact>
          <Fact label="Delivered">{order.deliveredAt ? <DateTime iso={order.deliveredAt} /> : 'Not yet'}</Fact>
          <Fact label="Receipt confirmed">{order.receiptConfirmedAt ? <DateTime iso={order.receiptConfirmedAt} /> : 'Not yet'}</Fact>
        </SimpleGrid>
        <div>
          <Text size="sm" fw={600} mb={4}>
            Escrow
          </Text>
          <SimpleGrid cols={3} spacing="sm">
            <Fact label="Held">
              <MoneyText money={order.escrow.held} />
            </Fact>
            <Fact label="Released to supplier">
              <MoneyText money={order.escrow.released} />
            </Fact>
            <Fact label="Refunded to buyer">
              <MoneyText money={order.escrow.refunded} />
            </Fact>
          </SimpleGrid>
        </div>
        {order.items.length > 0 && (
          <ScrollTable label="Items" minWidth={420}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Item</Table.Th>
                  <Table.Th ta="right">Quantity</Table.Th>
                  <Table.Th ta="right">Unit price</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {order.items.map((item, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{item.description}</Table.Td>
                    <Table.Td ta="right">{item.quantity.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">
                      <MoneyText money={item.unitPrice} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </Section>
  );
}
