import { Page } from '../../components/page';
import { OrderList } from '../../features/orders/order-list';

/** `/console/orders`: the buyer's (or supplier's) orders. */
export function OrderListRoute() {
  return (
    <Page title="Orders">
      <OrderList />
    </Page>
  );
}
