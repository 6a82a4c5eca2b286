import type { CaseApi } from '@app/api-client';
import { useQuery } from '@tanstack/react-query';
import { allPages } from './all-pages';
import { caseApi, unwrap } from './api';
import { keys } from './query-keys';

export type CaseEvent = CaseApi.Event;

/** The case's timeline, oldest first, whole (the timeline shows it; "What you must do" reads what was asked of whom). */
export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: keys.timeline(caseId),
    queryFn: () => allPages(async (cursor) => unwrap(await caseApi.GET('/v1/cases/{id}/timeline', { params: { path: { id: caseId }, query: { limit: 100, cursor } } }))),
    refetchInterval: 15_000,
  });
}

export interface EvidenceRequest {
  from: 'buyer' | 'supplier' | 'both';
  note: string;
  dueAt: string;
  /** Who asked: the specialist, or the reviewer on an appeal. */
  by: CaseApi.Actor['role'] | null;
}

/** What a `case.evidence_requested` event asked, or null when its data is not what the API writes. */
export function evidenceRequestOf(event: CaseEvent): EvidenceRequest | null {
  const { from, note, dueAt } = event.data;
  if ((from !== 'buyer' && from !== 'supplier' && from !== 'both') || typeof note !== 'string' || typeof dueAt !== 'string') return null;
  return { from, note, dueAt, by: event.actor?.role ?? null };
}

/** The latest evidence request naming this party (alone or with the other), from the timeline. */
export function latestRequestTo(events: CaseEvent[], party: 'buyer' | 'supplier'): EvidenceRequest | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const request = events[i].type === 'case.evidence_requested' ? evidenceRequestOf(events[i]) : null;
    if (request && (request.from === party || request.from === 'both')) return request;
  }
  return null;
}
