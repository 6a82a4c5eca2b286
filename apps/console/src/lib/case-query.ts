import type { CaseApi } from '@app/api-client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { caseApi, unwrap } from './api';
import { keys } from './query-keys';

export type Case = CaseApi.Case;
export type Order = CaseApi.Order;

/** A case, kept fresh while its page is open (deadlines fire and the other side acts meanwhile). */
export function useCase(id: string) {
  return useQuery({
    queryKey: keys.case(id),
    queryFn: async () => unwrap(await caseApi.GET('/v1/cases/{id}', { params: { path: { id } } })),
    refetchInterval: 10_000,
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: keys.order(id ?? ''),
    queryFn: async () => unwrap(await caseApi.GET('/v1/orders/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** After a case changed: the answer is the new case; whatever hangs off it is read again. */
export function useCaseChanged() {
  const client = useQueryClient();
  return (updated: Case) => {
    client.setQueryData(keys.case(updated.id), updated);
    void client.invalidateQueries({ queryKey: keys.case(updated.id), refetchType: 'none' });
    void client.invalidateQueries({ queryKey: keys.timeline(updated.id) });
    void client.invalidateQueries({ queryKey: keys.refund(updated.id) });
    void client.invalidateQueries({ queryKey: keys.cases, exact: true });
    void client.invalidateQueries({ queryKey: keys.queue });
    void client.invalidateQueries({ queryKey: keys.order(updated.orderId) });
  };
}
