import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { useShownMark } from '../../lib/perf';
import { keys } from '../../lib/query-keys';

/** Marks `case-page-shown` once the case's evidence, timeline and messages have all arrived and been drawn. */
export function useCasePageShown(caseId: string): void {
  const client = useQueryClient();
  const cache = client.getQueryCache();
  const arrived = useSyncExternalStore(
    useCallback((listener) => cache.subscribe(listener), [cache]),
    () => [keys.evidence(caseId), keys.timeline(caseId), keys.messages(caseId)].every((key) => client.getQueryData(key) !== undefined),
  );
  useShownMark('case-page-shown', arrived);
}
