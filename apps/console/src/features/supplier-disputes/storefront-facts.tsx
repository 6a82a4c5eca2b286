import { Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { FigureGrid } from '../../components/figure-grid';
import { QueryState } from '../../components/loading';
import { MoneyTotals } from '../../components/money-text';
import { describeHours } from '../../lib/duration';
import { formatPercent } from '../../lib/percent';
import { useStorefront } from './supplier-queries';

/** What buyers see on the supplier's storefront: the badge, the last 12 months of trade, how often and how fast it answers. */
export function StorefrontFacts({ supplierId }: { supplierId: string }) {
  const id = useId();
  const storefront = useStorefront(supplierId);
  const shop = storefront.data;
  return (
    <section aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={id}>
          What buyers see on your storefront
        </Title>
        {!shop ? (
          <QueryState error={storefront.error} label="Loading your storefront" />
        ) : (
          <>
            <Text size="sm">{shop.tradeAssurance.eligible ? 'The Trade Assurance badge, and:' : 'No Trade Assurance badge, and:'}</Text>
            <FigureGrid
              figures={[
                { label: 'Transactions, 12 months', value: shop.last12Months.transactions.toLocaleString() },
                { label: 'Value, 12 months', value: <MoneyTotals totals={shop.last12Months.value} /> },
                { label: 'Response rate, 12 months', value: formatPercent(shop.responseRate) },
                { label: 'Median first response, 12 months', value: describeHours(shop.medianFirstResponseHours) },
              ]}
            />
          </>
        )}
      </Stack>
    </section>
  );
}
