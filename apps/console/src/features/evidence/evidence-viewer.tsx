import { Button, Center, Group, Loader, Modal, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DateTime } from '../../components/date-time';
import { ProblemAlert } from '../../components/problem-alert';
import { formatBytes } from '../../lib/bytes';
import { problemOf } from '../../lib/problem';
import { evidenceBlob, evidenceStreamUrl } from './evidence-bytes';
import { rejectionText } from './refusals';
import type { Evidence } from './use-evidence';

/** A dialog showing one item: a photo to zoom, a video to play, a PDF or chat log to read; its facts; Download. */
export function EvidenceViewer({ item, onClose }: { item: Evidence | null; onClose(): void }) {
  return (
    <Modal opened={!!item} onClose={onClose} title={item?.fileName} size="xl" fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}>
      {item && <ViewerBody item={item} />}
    </Modal>
  );
}

function ViewerBody({ item }: { item: Evidence }) {
  return (
    <Stack>
      {item.status === 'available' ? (
        <Media item={item} />
      ) : (
        <Text>{item.status === 'rejected' ? `Rejected: ${rejectionText(item.rejectionReason)}.` : 'This item is not available yet: it is being verified.'}</Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
        <Text size="sm">From the {item.party}</Text>
        <Text size="sm">
          Added <DateTime iso={item.createdAt} />
        </Text>
        <Text size="sm">
          {item.detectedType ?? item.declaredType}, {formatBytes(item.size)}
        </Text>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }} title="SHA-256 of the file">
          SHA-256 {item.sha256.slice(0, 16)}…
        </Text>
      </SimpleGrid>
      {item.description && <Text size="sm">{item.description}</Text>}
      {item.status === 'available' && <DownloadButton item={item} />}
    </Stack>
  );
}

function Media({ item }: { item: Evidence }) {
  const [src, setSrc] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [text, setText] = useState<string>();
  const [zoom, setZoom] = useState('fit');
  const isText = (item.detectedType ?? item.declaredType).startsWith('text/');

  useEffect(() => {
    let objectUrl: string | undefined;
    const load = async () => {
      if (item.kind === 'video') return setSrc(await evidenceStreamUrl(item.id));
      const blob = await evidenceBlob(item.id);
      if (isText) return setText(await blob.text());
      setSrc((objectUrl = URL.createObjectURL(blob)));
    };
    load().catch(setError);
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [item.id, item.kind, isText]);

  if (error) return <ProblemAlert problem={problemOf(error)} title="The file could not be shown" />;
  if (text !== undefined) {
    return (
      <pre style={{ maxHeight: '60vh', overflow: 'auto', whiteSpace: 'pre-wrap', background: 'var(--mantine-color-gray-0)', padding: 12, borderRadius: 6 }}>{text}</pre>
    );
  }
  if (!src) {
    return (
      <Center h={200} role="status" aria-label="Loading the file">
        <Loader />
      </Center>
    );
  }
  if (item.kind === 'video') return <video src={src} controls style={{ width: '100%', maxHeight: '70vh', background: '#000' }} aria-label={item.fileName} />;
  if (item.kind === 'document') return <iframe src={src} title={`Preview of ${item.fileName}`} style={{ width: '100%', height: '70vh', border: 0 }} />;
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={zoom}
        onChange={setZoom}
        data={[
          { value: 'fit', label: 'Fit' },
          { value: '1', label: '100 %' },
          { value: '2', label: '200 %' },
        ]}
        aria-label="Zoom"
        style={{ alignSelf: 'flex-start' }}
      />
      <div style={{ maxHeight: '70vh', overflow: 'auto', textAlign: 'center' }} tabIndex={0} aria-label="Photo, scrollable when zoomed">
        <img
          src={src}
          alt={item.description ?? item.fileName}
          style={zoom === 'fit' ? { maxWidth: '100%', maxHeight: '68vh' } : { width: `${Number(zoom) * 100}%`, maxWidth: 'none' }}
        />
      </div>
    </Stack>
  );
}

function DownloadButton({ item }: { item: Evidence }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <Group>
      <Button
        variant="default"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          try {
            const url = URL.createObjectURL(await evidenceBlob(item.id));
            const link = Object.assign(document.createElement('a'), { href: url, download: item.fileName });
            link.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        Download
      </Button>
      {!!error && <ProblemAlert problem={problemOf(error)} />}
    </Group>
  );
}
