import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Order } from '../../lib/case-query';
import { REASON_LABELS } from '../../lib/labels';

/** Whether a dispute can be opened on the order now, and why not when it cannot. */
export function DisputeStart({ order, canOpen }: { order: Order; canOpen: boolean }) {
  const navigate = useNavigate();
  if (order.openCaseId) {
    return (
      <Alert color="orange" variant="light" title="A dispute is open on this order">
        <Anchor component={Link} to={`/cases/${order.openCaseId}`}>
          Go to the dispute
        </Anchor>
      </Alert>
    );
  }
  if (!order.coverage.reasons.length) {
    return (
      <Alert color="gray" variant="light" title="No dispute can be opened on this order now">
        {whyNotCovered(order)}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm">
        Covered now: {order.coverage.reasons.map((r) => REASON_LABELS[r]).join(', ')}.
      </Text>
      {canOpen && <Button onClick={() => navigate(`/orders/${order.id}/dispute`)}>Open dispute</Button>}
    </Stack>
  );
}

function whyNotCovered(order: Order): string {
  if (!order.tradeAssurance) return 'The supplier is not a Trade Assurance member, so this order is not covered.';
  if (order.customized) return 'Customised goods are not covered.';
  if (!order.paidAt) return 'The order is not paid yet: disputes cover money held in escrow.';
  if (!order.shippedAt) return 'A late-shipment dispute can be opened once the ship-by date has passed without shipment.';
  if (!order.deliveredAt) return 'A non-delivery dispute can be opened once enough time has passed since shipment; quality disputes once the goods are delivered.';
  return 'The claim window for this order has closed, or a dispute on it was already resolved.';
}
