import type { EvidenceApi } from '@app/api-client';
import { useQuery } from '@tanstack/react-query';
import { evidenceApi, unwrap } from '../../lib/api';
import { allPages } from '../../lib/all-pages';
import { keys } from '../../lib/query-keys';

export type Evidence = EvidenceApi.Evidence;

/** Every item of the case (a party has at most 50, so two parties at most 100: two pages), checked again while any is verifying. */
export function useEvidence(caseId: string) {
  return useQuery({
    queryKey: keys.evidence(caseId),
    queryFn: () => allPages(async (cursor) => unwrap(await evidenceApi().GET('/v1/cases/{caseId}/evidence', { params: { path: { caseId }, query: { limit: 100, cursor } } }))),
    refetchInterval: (query) => (query.state.data?.some((item) => item.status === 'verifying') ? 1500 : 15_000),
  });
}
