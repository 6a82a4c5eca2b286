import type { EvidenceApi } from '@app/api-client';
import { useQuery } from '@tanstack/react-query';
import { evidenceApi, unwrap } from '../../lib/api';
import { keys } from '../../lib/query-keys';
import type { Evidence } from './use-evidence';

export type EvidenceLink = EvidenceApi.EvidenceLink;

// A link a minute from expiring is asked for again before it is used (they live five minutes).
const MARGIN_MS = 60_000;

export const isFresh = (link: EvidenceLink, now = Date.now()): boolean => Date.parse(link.expiresAt) - now > MARGIN_MS;

/**
 * An available item's inline links (GET /v1/evidence/:id/links): the view copy, its thumbnail, poster or preview,
 * and the original for those who may see it; presigned GETs straight from storage for `<img>` and `<video>`.
 * Asked again when a derivative becomes ready (it is part of the key) and once the links are near expiry,
 * but not on focus: a new URL would reload a picture or a playing video for nothing.
 */
export function useEvidenceLinks(item: Evidence, enabled: boolean) {
  return useQuery({
    queryKey: keys.evidenceLinks(item.id, JSON.stringify(item.derivatives)),
    queryFn: async () => unwrap(await evidenceApi().GET('/v1/evidence/{id}/links', { params: { path: { id: item.id } } })),
    enabled,
    staleTime: (query) => (query.state.data ? Math.max(0, Date.parse(query.state.data.view.expiresAt) - Date.now() - MARGIN_MS) : 0),
    refetchOnWindowFocus: false,
  });
}
