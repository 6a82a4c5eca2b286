import type { EvidenceApi } from '@app/api-client';
import { useQuery } from '@tanstack/react-query';
import { evidenceApi, unwrap } from '../../lib/api';
import { allPages } from '../../lib/all-pages';
import { keys } from '../../lib/query-keys';
import { stillBeingMade } from './derivatives';

export type Evidence = EvidenceApi.Evidence;

/** Every item of the case (a party has at most 50, so two parties at most 100: two pages), checked again often while any is verifying or its derivatives are being made. */
export function useEvidence(caseId: string) {
  return useQuery({
    queryKey: keys.evidence(caseId),
    queryFn: () => allPages(async (cursor) => unwrap(await evidenceApi().GET('/v1/cases/{caseId}/evidence', { params: { path: { caseId }, query: { limit: 100, cursor } } }))),
    refetchInterval: (query) => (stillBeingMade(query.state.data ?? [], Date.now()) ? 2000 : 15_000),
  });
}
