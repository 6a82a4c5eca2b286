import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import { QueryState } from '../../components/loading';
import { MoneyText } from '../../components/money-text';
import { ORDER_STATUS_LABELS } from '../../lib/labels';
import type { Order } from '../../lib/case-query';
import { useOrders } from './use-orders';

/** The caller's orders as cards: what it is, where it stands, whether a dispute is open or possible. */
export function OrderList() {
  const orders = useOrders();
  if (!orders.data) return <QueryState error={orders.error} label="Loading orders" />;
  const all = orders.data.pages.flatMap((page) => page.data);
  if (!all.length) return <Text>No orders yet. Orders appear here once the marketplace records them.</Text>;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {all.map((order) => (
          <OrderCard key={order.id} order={order} />
        ))}
      </SimpleGrid>
      {orders.hasNextPage && (
        <Button variant="default" onClick={() => orders.fetchNextPage()} loading={orders.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          Show more orders
        </Button>
      )}
    </Stack>
  );
}

function OrderCard({ order }: { order: Order }) {
  return (
    <Card withBorder padding="md" component="article">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/orders/${order.id}`} fw={600}>
            Order {order.externalRef ?? order.id}
          </Anchor>
          <Text fw={600}>
            <MoneyText money={order.amount} />
          </Text>
        </Group>
        <Group gap={6}>
          <Badge variant="light" color="gray.8">
            {ORDER_STATUS_LABELS[order.status]}
          </Badge>
          {order.openCaseId && (
            <Badge variant="light" color="orange.9">
              Dispute open
            </Badge>
          )}
          {!order.openCaseId && order.coverage.reasons.length > 0 && (
            <Badge variant="light" color="indigo.9">
              Can be disputed
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          Ordered <DateTime iso={order.createdAt} dateOnly />
          {order.deliveredAt && (
            <>
              {' '}
              · delivered <DateTime iso={order.deliveredAt} dateOnly />
            </>
          )}
        </Text>
      </Stack>
    </Card>
  );
}
