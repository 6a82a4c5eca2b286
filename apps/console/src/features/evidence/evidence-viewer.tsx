import { Alert, Anchor, Button, Center, Group, Loader, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { DateTime } from '../../components/date-time';
import { ProblemAlert } from '../../components/problem-alert';
import { formatBytes } from '../../lib/bytes';
import { problemOf } from '../../lib/problem';
import { useSession } from '../../lib/session';
import { originalShownNote, seesOriginal, viewAbsence } from './derivatives';
import { linkBlob, SAVE_IN_PAGE_MAX_BYTES, saveBlob, savedFileName } from './evidence-bytes';
import { FraudSignals, MetadataSummary } from './evidence-signals';
import { EvidenceMedia } from './evidence-media';
import { rejectionText } from './refusals';
import type { Evidence } from './use-evidence';
import { type EvidenceLink, isFresh, useEvidenceLinks } from './use-evidence-links';

/** A dialog showing one item: a photo to zoom, a video to play, a PDF or chat log to read; its facts; Download. */
export function EvidenceViewer({ item, onClose }: { item: Evidence | null; onClose(): void }) {
  return (
    <Modal opened={!!item} onClose={onClose} title={item?.fileName} size="xl" fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}>
      {item && <ViewerBody item={item} />}
    </Modal>
  );
}

function ViewerBody({ item }: { item: Evidence }) {
  const session = useSession()!;
  const mayOriginal = seesOriginal(session, item);
  const absence = item.status === 'available' && !mayOriginal ? viewAbsence(item) : null;
  const links = useEvidenceLinks(item, item.status === 'available' && !absence);
  const note = mayOriginal && item.status === 'available' ? originalShownNote(item) : null;
  return (
    <Stack>
      {item.status !== 'available' ? (
        <Text>{item.status === 'rejected' ? `Rejected: ${rejectionText(item.rejectionReason)}.` : 'This item is not available yet: it is being verified.'}</Text>
      ) : absence ? (
        <Group gap="xs" role="status" wrap="nowrap">
          {absence.pending && <Loader size="sm" />}
          <Text>{absence.text}</Text>
        </Group>
      ) : links.error ? (
        <ProblemAlert problem={problemOf(links.error)} title="The file could not be shown" />
      ) : !links.data ? (
        <Center h={200} role="status" aria-label="Loading the file">
          <Loader />
        </Center>
      ) : (
        <>
          {note && (
            <Alert color="gray" variant="light" p="xs">
              {note}
            </Alert>
          )}
          <EvidenceMedia item={item} links={links.data} onExpired={() => void links.refetch()} />
        </>
      )}
      <Facts item={item} />
      {item.description && <Text size="sm">{item.description}</Text>}
      {item.metadata !== undefined && (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            The original's metadata
          </Text>
          <MetadataSummary item={item} />
          {item.metadata?.hadLocation && <Text size="xs">The location is removed from the copies everyone else sees.</Text>}
        </Stack>
      )}
      <FraudSignals item={item} />
      {links.data && <Actions item={item} view={links.data.view} original={links.data.original} refresh={async () => (await links.refetch()).data} />}
    </Stack>
  );
}

function Facts({ item }: { item: Evidence }) {
  const { width, height, durationSeconds, pages } = item.media;
  const shape = [width && height ? `${width} × ${height} px` : null, durationSeconds !== undefined ? `${Math.round(durationSeconds)} s` : null, pages ? `${pages} ${pages === 1 ? 'page' : 'pages'}` : null].filter(Boolean);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
      <Text size="sm">From the {item.party}</Text>
      <Text size="sm">
        Added <DateTime iso={item.createdAt} />
      </Text>
      <Text size="sm">
        {item.detectedType ?? item.declaredType}, {formatBytes(item.size)}
        {shape.length > 0 && `, ${shape.join(', ')}`}
      </Text>
      <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }} title="SHA-256 of the file">
        SHA-256 {item.sha256.slice(0, 16)}…
      </Text>
    </SimpleGrid>
  );
}

type Links = { view: EvidenceLink; original?: EvidenceLink };

/**
 * "Open original" (its uploader and staff) and Download: the original for them, the copy without metadata for
 * everyone else, saved under the item's name (a very large file opens in a new tab, where the browser saves it).
 */
function Actions({ item, view, original, refresh }: Links & { item: Evidence; refresh(): Promise<Links | undefined> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const target = original ?? view;
  const fresh = async (pick: (links: Links) => EvidenceLink | undefined, link: EvidenceLink) => (isFresh(link) ? link : pick((await refresh()) ?? { view }) ?? link);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const link = await fresh((l) => l.original ?? l.view, target);
      if (item.size > SAVE_IN_PAGE_MAX_BYTES) window.open(link.url, '_blank', 'noopener');
      else saveBlob(await linkBlob(link.url), savedFileName(item.fileName, link.contentType));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Group>
        {original && (
          <Anchor
            href={original.url}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
            onClick={async (event) => {
              if (isFresh(original)) return;
              event.preventDefault();
              window.open((await fresh((l) => l.original, original)).url, '_blank', 'noopener');
            }}
          >
            Open original
          </Anchor>
        )}
        <Button variant="default" loading={busy} onClick={download}>
          {original ? 'Download original' : 'Download'}
        </Button>
      </Group>
      {!!error && <ProblemAlert problem={problemOf(error)} title="Not downloaded" />}
    </Stack>
  );
}
