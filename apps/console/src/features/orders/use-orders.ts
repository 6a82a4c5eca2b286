import { useInfiniteQuery } from '@tanstack/react-query';
import { caseApi, unwrap } from '../../lib/api';
import { keys } from '../../lib/query-keys';

/** The caller's orders, newest first, a page at a time. */
export function useOrders() {
  return useInfiniteQuery({
    queryKey: keys.orders,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await caseApi.GET('/v1/orders', { params: { query: { limit: 20, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
