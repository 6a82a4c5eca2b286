import { useParams } from 'react-router';
import { QueryState } from '../../components/loading';
import { Page } from '../../components/page';
import { useCase } from '../../lib/case-query';
import { useSession } from '../../lib/session';
import { PartyCasePage } from './party-case-page';
import { StaffWorkspace } from './staff-workspace';

/** `/console/cases/:id`: the case page for the parties (and operations, read-only), the workspace for staff. */
export function CaseRoute() {
  const { caseId } = useParams();
  const theCase = useCase(caseId!);
  const session = useSession()!;
  if (!theCase.data) return <Page title="Case"><QueryState error={theCase.error} label="Loading the case" /></Page>;
  const staff = session.role === 'specialist' || session.role === 'reviewer';
  return staff ? <StaffWorkspace theCase={theCase.data} session={session} /> : <PartyCasePage theCase={theCase.data} session={session} />;
}
