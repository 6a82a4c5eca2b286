import type { CaseApi } from '@app/api-client';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { caseApi, unwrap } from '../../lib/api';
import { cursorPages } from '../../lib/cursor-pages';
import { keys } from '../../lib/query-keys';

export type Notification = CaseApi.Notification;

const PAGE_SIZE = 20;
/** Reminders come hours before a deadline: once a minute is soon enough, and coming back to the tab asks at once. */
export const NOTIFICATIONS_REFRESH_MS = 60_000;

/** The caller's notifications, newest first, page by page (all of them, or the unread ones only). */
export function useNotifications(unreadOnly: boolean, enabled = true) {
  return useInfiniteQuery({
    queryKey: keys.notificationList(unreadOnly),
    queryFn: async ({ pageParam }) =>
      unwrap(await caseApi.GET('/v1/notifications', { params: { query: { limit: PAGE_SIZE, cursor: pageParam, ...(unreadOnly && { unread: 'true' as const }) } } })),
    ...cursorPages,
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
    refetchOnWindowFocus: true,
    enabled,
  });
}

/** Marks one notification read; every list and the count are read again. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await caseApi.POST('/v1/notifications/{id}/read', { params: { path: { id }, header: { 'Idempotency-Key': crypto.randomUUID() } }, body: {} })),
    onSettled: () => client.invalidateQueries({ queryKey: keys.notifications }),
  });
}
