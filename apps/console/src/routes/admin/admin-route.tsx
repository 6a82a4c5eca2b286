import { Page } from '../../components/page';
import { FailedRefunds } from '../../features/admin/failed-refunds';
import { QueueDashboardLink } from '../../features/admin/queue-dashboard-link';
import { Webhooks } from '../../features/admin/webhooks';

/** `/console/admin`: operations: refunds to send again, webhook subscriptions, the queue dashboard. */
export function AdminRoute() {
  return (
    <Page title="Operations" aside={<QueueDashboardLink />}>
      <FailedRefunds />
      <Webhooks />
    </Page>
  );
}
