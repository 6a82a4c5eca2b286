import { useParams } from 'react-router';
import { QueryState } from '../../components/loading';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import { DisputeStart } from '../../features/orders/dispute-start';
import { OrderFacts } from '../../features/orders/order-facts';
import { useOrder } from '../../lib/case-query';
import { useSession } from '../../lib/session';

/** `/console/orders/:id`: the order, its escrow, and whether a dispute can be opened on it. */
export function OrderRoute() {
  const { orderId } = useParams();
  const order = useOrder(orderId);
  const session = useSession()!;
  if (!order.data) return <Page title="Order"><QueryState error={order.error} label="Loading the order" /></Page>;
  return (
    <Page title={`Order ${order.data.externalRef ?? order.data.id.slice(0, 8)}`}>
      <Section title="Dispute">
        <DisputeStart order={order.data} canOpen={session.role === 'buyer'} />
      </Section>
      <OrderFacts order={order.data} />
    </Page>
  );
}
