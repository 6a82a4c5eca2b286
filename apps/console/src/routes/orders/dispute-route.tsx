import { Alert, Anchor, Text } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/loading';
import { MoneyText } from '../../components/money-text';
import { Page } from '../../components/page';
import { Section } from '../../components/section';
import { DisputeForm } from '../../features/disputes/dispute-form';
import { useCaseChanged, useOrder } from '../../lib/case-query';
import { handOverEvidence } from '../../lib/pending-evidence';

/** `/console/orders/:id/dispute`: the buyer opens a dispute; the case page then opens and uploads the files. */
export function DisputeRoute() {
  const { orderId } = useParams();
  const order = useOrder(orderId);
  const navigate = useNavigate();
  const changed = useCaseChanged();
  if (!order.data) return <Page title="Open dispute"><QueryState error={order.error} label="Loading the order" /></Page>;
  const o = order.data;
  return (
    <Page title="Open dispute" size="md">
      <Text size="sm">
        Order{' '}
        <Anchor component={Link} to={`/orders/${o.id}`}>
          {o.externalRef ?? o.id}
        </Anchor>{' '}
        · <MoneyText money={o.amount} />
      </Text>
      {o.openCaseId || !o.coverage.reasons.length ? (
        <Alert color="gray" variant="light" title="No dispute can be opened on this order now">
          <Anchor component={Link} to={`/orders/${o.id}`}>
            Back to the order
          </Anchor>
        </Alert>
      ) : (
        <Section title="Your claim">
          <DisputeForm
            order={o}
            onOpened={(opened, files) => {
              changed(opened);
              handOverEvidence(opened.id, files);
              navigate(`/cases/${opened.id}`);
            }}
          />
        </Section>
      )}
    </Page>
  );
}
