import { Badge, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useId } from 'react';
import { formatBytes } from '../../lib/bytes';
import { EvidenceThumbnail } from './evidence-thumbnail';
import { rejectionText } from './refusals';
import type { Evidence } from './use-evidence';

const STATUS: Record<Evidence['status'], { label: string; color: string }> = {
  pending_upload: { label: 'Uploading', color: 'gray.8' },
  verifying: { label: 'Verifying', color: 'orange.9' },
  available: { label: 'Available', color: 'green.9' },
  rejected: { label: 'Rejected', color: 'red.9' },
};

/** One item: a button named by its file name (opening the viewer), its status and what staff must know. */
export function EvidenceTile({ item, onOpen, isNew }: { item: Evidence; onOpen(item: Evidence): void; isNew?: boolean }) {
  const statusId = useId();
  const status = STATUS[item.status];
  const others = item.alsoSeenInCases ?? [];
  return (
    <Stack gap={4}>
      <UnstyledButton onClick={() => onOpen(item)} aria-describedby={statusId} style={{ borderRadius: 6 }} className="evidence-tile">
        <div aria-hidden="true">
          <EvidenceThumbnail item={item} />
        </div>
        <Text size="sm" fw={500} mt={4} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {item.fileName}
        </Text>
      </UnstyledButton>
      <Group gap={4} id={statusId}>
        <Badge size="sm" variant="light" color={status.color}>
          {status.label}
        </Badge>
        {isNew && (
          <Badge size="sm" variant="filled" color="indigo.8">
            New since the decision
          </Badge>
        )}
        {others.length > 0 && (
          <Tooltip label={`The same bytes are in ${others.length === 1 ? 'case' : 'cases'} ${others.map((id) => id.slice(0, 8)).join(', ')} of another buyer`}>
            <Badge size="sm" variant="filled" color="red.9">
              Also seen in {others.length} other {others.length === 1 ? 'case' : 'cases'}
            </Badge>
          </Tooltip>
        )}
        <Text size="xs" c="dimmed">
          {formatBytes(item.size)}
        </Text>
      </Group>
      {item.status === 'rejected' && (
        <Text size="xs" c="red.9">
          Rejected: {rejectionText(item.rejectionReason)}
        </Text>
      )}
    </Stack>
  );
}
