import type { CaseApi } from '@app/api-client';
import { type InfiniteData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { caseApi, unwrap } from '../../lib/api';
import { cursorPages } from '../../lib/cursor-pages';
import { keys } from '../../lib/query-keys';

export type Delivery = CaseApi.WebhookDelivery;
export type DeliveryStatus = Delivery['status'];
type DeliveryPage = CaseApi.WebhookDeliveryPage;

const PAGE_SIZE = 20;

/**
 * A webhook's delivery log, newest first, page by page, optionally one status only. Read again every 2 seconds
 * while a delivery on screen is waiting to be sent (its attempt is due within seconds), every 15 otherwise.
 */
export function useDeliveries(webhookId: string, status: DeliveryStatus | undefined) {
  return useInfiniteQuery({
    queryKey: [...keys.webhookDeliveries(webhookId), status ?? 'all'],
    queryFn: async ({ pageParam }) =>
      unwrap(await caseApi.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: webhookId }, query: { limit: PAGE_SIZE, cursor: pageParam, status } } })),
    ...cursorPages,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.data.some((d) => d.status === 'pending')) ? 2_000 : 15_000),
  });
}

/** After a redelivery: its answer (pending again) replaces the row at once, then the log is read again. */
export function useDeliveryChanged(webhookId: string) {
  const client = useQueryClient();
  return (changed: Delivery) => {
    client.setQueriesData<InfiniteData<DeliveryPage>>({ queryKey: keys.webhookDeliveries(webhookId) }, (data) =>
      data && { ...data, pages: data.pages.map((page) => ({ ...page, data: page.data.map((d) => (d.id === changed.id ? changed : d)) })) },
    );
    void client.invalidateQueries({ queryKey: keys.webhookDeliveries(webhookId) });
  };
}
