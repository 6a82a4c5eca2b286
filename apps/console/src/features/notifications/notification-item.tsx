import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DateTime } from '../../components/date-time';
import { shortId } from '../../lib/labels';
import type { Notification } from './use-notifications';

/** One reminder: what is due and by when (the API's words), a link to its case, and whether it was read. */
export function NotificationItem({ notification: n, onOpen, onMarkRead }: { notification: Notification; onOpen(): void; onMarkRead(): void }) {
  const unread = !n.readAt;
  return (
    <Group component="li" wrap="nowrap" align="flex-start" gap="xs" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Anchor component={Link} to={`/cases/${n.caseId}`} onClick={onOpen} size="sm" fw={unread ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
          {n.text}
        </Anchor>
        <Text size="xs" c="dimmed">
          Case {shortId(n.caseId)} · due <DateTime iso={n.deadline.dueAt} /> · sent <DateTime iso={n.createdAt} />
        </Text>
      </Stack>
      <Stack gap={4} align="flex-end">
        {unread ? (
          <>
            <Badge size="sm" variant="filled" color="indigo.8">
              Unread
            </Badge>
            <Button size="compact-xs" variant="subtle" color="indigo.9" onClick={onMarkRead}>
              Mark read
            </Button>
          </>
        ) : (
          <Text size="xs" c="dimmed">
            Read
          </Text>
        )}
      </Stack>
    </Group>
  );
}
