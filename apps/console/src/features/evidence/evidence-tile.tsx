import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useId } from 'react';
import { formatBytes } from '../../lib/bytes';
import { useSession } from '../../lib/session';
import { seesOriginal, tilePicture } from './derivatives';
import { FraudSignals, MetadataSummary } from './evidence-signals';
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
  const session = useSession()!;
  const statusId = useId();
  const status = STATUS[item.status];
  const picture = tilePicture(item, seesOriginal(session, item));
  const staff = session.role === 'specialist' || session.role === 'reviewer';
  return (
    <Stack gap={4}>
      <UnstyledButton onClick={() => onOpen(item)} aria-describedby={statusId} style={{ borderRadius: 6 }} className="evidence-tile">
        <div aria-hidden="true">
          <EvidenceThumbnail item={item} picture={picture} />
        </div>
        <Text size="sm" fw={500} mt={4} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {item.fileName}
        </Text>
      </UnstyledButton>
      <Stack gap={4} id={statusId}>
        <Group gap={4}>
          <Badge size="sm" variant="light" color={status.color}>
            {status.label}
          </Badge>
          {isNew && (
            <Badge size="sm" variant="filled" color="indigo.8">
              New since the decision
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {formatBytes(item.size)}
          </Text>
        </Group>
        {'text' in picture && item.status === 'available' && <span className="visually-hidden">{picture.text}</span>}
        <FraudSignals item={item} />
        {staff && <MetadataSummary item={item} compact />}
      </Stack>
      {item.status === 'rejected' && (
        <Text size="xs" c="red.9">
          Rejected: {rejectionText(item.rejectionReason)}
        </Text>
      )}
    </Stack>
  );
}
