import { Grid } from '@mantine/core';
import { Page } from '../../components/page';
import { PARTY_FILTERS, SUPPLIER_FILTERS } from '../../features/supplier-disputes/case-filters';
import { CaseList } from '../../features/supplier-disputes/case-list';
import { ResponsivenessCard } from '../../features/supplier-disputes/responsiveness-card';
import { StandingCard } from '../../features/supplier-disputes/standing-card';
import { useSession } from '../../lib/session';

/** `/console/cases`: a supplier's disputes by what they need (with its standing and responsiveness), anyone else's by state. */
export function CaseListRoute() {
  const session = useSession()!;
  if (session.role === 'supplier') {
    return (
      <Page title="Disputes">
        <CaseList filters={SUPPLIER_FILTERS} countdownKind="supplier_response" />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <StandingCard supplierId={session.userId} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <ResponsivenessCard supplierId={session.userId} />
          </Grid.Col>
        </Grid>
      </Page>
    );
  }
  return (
    <Page title={session.role === 'buyer' ? 'Your disputes' : 'Cases'}>
      <CaseList filters={PARTY_FILTERS} />
    </Page>
  );
}
