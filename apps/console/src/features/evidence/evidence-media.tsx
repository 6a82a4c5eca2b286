import type { EvidenceApi } from '@app/api-client';
import { Anchor, Center, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { problemOf } from '../../lib/problem';
import { linkBlob } from './evidence-bytes';
import type { Evidence } from './use-evidence';
import { isFresh } from './use-evidence-links';

type Links = EvidenceApi.EvidenceLinks;

/** The item itself, from its view link: a photo to zoom, a video with its poster, a PDF's first page, a chat log. */
export function EvidenceMedia({ item, links, onExpired }: { item: Evidence; links: Links; onExpired(): void }) {
  if (item.kind === 'image') return <ZoomableImage src={links.view.url} alt={item.description ?? item.fileName} />;
  if (item.kind === 'video') return <VideoPlayer item={item} links={links} onExpired={onExpired} />;
  if ((item.detectedType ?? item.declaredType) === 'application/pdf') return <PdfPreview item={item} links={links} />;
  return <TextDocument url={links.view.url} />;
}

function ZoomableImage({ src, alt }: { src: string; alt: string }) {
  const [zoom, setZoom] = useState('fit');
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
        <img src={src} alt={alt} style={zoom === 'fit' ? { maxWidth: '100%', maxHeight: '68vh' } : { width: `${Number(zoom) * 100}%`, maxWidth: 'none' }} />
      </div>
    </Stack>
  );
}

/**
 * The view copy streamed from storage with its poster frame. A link that expires mid-way (they live five minutes)
 * is asked for again and playback goes on where it was.
 */
function VideoPlayer({ item, links, onExpired }: { item: Evidence; links: Links; onExpired(): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const resumeAt = useRef(0);
  const [unplayable, setUnplayable] = useState(false);
  useEffect(() => setUnplayable(false), [links.view.url]);
  return (
    <Stack gap="xs">
      <video
        ref={video}
        src={links.view.url}
        poster={links.poster?.url}
        controls
        preload="metadata"
        aria-label={item.fileName}
        style={{ width: '100%', maxHeight: '70vh', background: '#000' }}
        onLoadedMetadata={() => {
          if (video.current && resumeAt.current) video.current.currentTime = resumeAt.current;
        }}
        onError={() => {
          if (!isFresh(links.view)) {
            resumeAt.current = video.current?.currentTime ?? 0;
            onExpired();
          } else setUnplayable(true);
        }}
      />
      {unplayable && <Text size="sm">This browser cannot play this video. Download it to watch it with another player.</Text>}
    </Stack>
  );
}

/** Page one as a picture, and the PDF itself to open in the browser's reader. */
function PdfPreview({ item, links }: { item: Evidence; links: Links }) {
  const preview = item.derivatives.preview;
  return (
    <Stack gap="xs" align="flex-start">
      {links.preview ? (
        <img src={links.preview.url} alt={`Page 1 of ${item.fileName}`} style={{ maxWidth: '100%', maxHeight: '60vh', border: '1px solid var(--mantine-color-gray-3)' }} />
      ) : (
        <Text size="sm">{preview === 'pending' ? 'The preview of page 1 is being made.' : preview === 'missing' ? 'No preview: this server cannot make one.' : 'No preview: the PDF could not be read.'}</Text>
      )}
      <Anchor href={links.view.url} target="_blank" rel="noopener noreferrer">
        Open the PDF{item.media.pages ? ` (${item.media.pages} ${item.media.pages === 1 ? 'page' : 'pages'})` : ''}
      </Anchor>
    </Stack>
  );
}

/** A chat log or other plain text, read from storage and shown as it is (never as HTML). */
function TextDocument({ url }: { url: string }) {
  const [text, setText] = useState<string>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const controller = new AbortController();
    linkBlob(url, controller.signal)
      .then((blob) => blob.text())
      .then(setText, (e: unknown) => !controller.signal.aborted && setError(e));
    return () => controller.abort();
  }, [url]);
  if (error) return <ProblemAlert problem={problemOf(error)} title="The file could not be shown" />;
  if (text === undefined) {
    return (
      <Center h={120} role="status" aria-label="Loading the file">
        <Loader />
      </Center>
    );
  }
  return <pre style={{ maxHeight: '60vh', overflow: 'auto', whiteSpace: 'pre-wrap', background: 'var(--mantine-color-gray-0)', padding: 12, borderRadius: 6 }}>{text}</pre>;
}
