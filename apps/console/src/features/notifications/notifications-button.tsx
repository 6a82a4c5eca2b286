import { Badge, Button, Popover, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { QueryState } from '../../components/loading';
import { ProblemAlert } from '../../components/problem-alert';
import { problemOf } from '../../lib/problem';
import { NotificationItem } from './notification-item';
import { useMarkRead, useNotifications } from './use-notifications';

/**
 * The header's "Notifications": the unread count on the button (read out as its description), and on opening the
 * reminders newest first, each leading to its case and marked read when opened. Asked again each minute and when
 * the person comes back to the tab.
 */
export function NotificationsButton() {
  const [opened, setOpened] = useState(false);
  const [show, setShow] = useState<'all' | 'unread'>('all');
  const all = useNotifications(false);
  const list = useNotifications(show === 'unread', opened);
  const markRead = useMarkRead();
  const id = useId();
  const unread = all.data?.pages[0]?.unreadCount ?? 0;
  const items = list.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" trapFocus returnFocus shadow="md" withArrow>
        <Popover.Target>
          <Button size="xs" variant={unread ? 'light' : 'default'} color="indigo.9" onClick={() => setOpened((o) => !o)} aria-describedby={`${id}-count`} rightSection={unread ? <Badge size="sm" circle={unread < 10} color="red.9" aria-hidden="true">{unread > 99 ? '99+' : unread}</Badge> : undefined}>
            Notifications
          </Button>
        </Popover.Target>
        <Popover.Dropdown aria-labelledby={`${id}-title`} style={{ width: 'min(400px, calc(100vw - 16px))' }} p="sm">
          <Stack gap="xs">
            <Title order={2} size="h5" id={`${id}-title`}>
              Notifications
            </Title>
            <SegmentedControl size="xs" value={show} onChange={(v) => setShow(v as 'all' | 'unread')} data={[{ value: 'all', label: 'All' }, { value: 'unread', label: `Unread (${unread})` }]} aria-label="Show" />
            <ProblemAlert problem={markRead.error ? problemOf(markRead.error) : null} title="Not marked read" />
            {!list.data ? (
              <QueryState error={list.error} label="Loading notifications" />
            ) : items.length === 0 ? (
              <Text size="sm">{show === 'unread' ? 'No unread notifications.' : 'No notifications yet: reminders of your deadlines appear here.'}</Text>
            ) : (
              <ul aria-label="Notifications" style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 'min(60vh, 480px)', overflowY: 'auto' }}>
                {items.map((n) => (
                  <NotificationItem
                    key={n.id}
                    notification={n}
                    onOpen={() => {
                      setOpened(false);
                      if (!n.readAt) markRead.mutate(n.id);
                    }}
                    onMarkRead={() => markRead.mutate(n.id)}
                  />
                ))}
              </ul>
            )}
            {list.hasNextPage && (
              <Button size="xs" variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Show older
              </Button>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <span id={`${id}-count`} className="visually-hidden">
        {unread ? `${unread} unread` : 'None unread'}
      </span>
    </>
  );
}
