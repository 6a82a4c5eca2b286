import { Center, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Evidence } from './use-evidence';
import { evidenceBlob } from './evidence-bytes';

const KIND_LABEL: Record<Evidence['kind'], string> = { image: 'Photo', video: 'Video', document: 'Document' };

/** A tile's picture, fetched only once the tile scrolls into view; videos and documents show their kind. */
export function EvidenceThumbnail({ item }: { item: Evidence }) {
  const box = useRef<HTMLDivElement>(null);
  const [src, setSrc] = useState<string>();
  const [visible, setVisible] = useState(false);
  const showsPicture = item.kind === 'image' && item.status === 'available';

  useEffect(() => {
    if (!showsPicture || !box.current) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' });
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [showsPicture]);

  useEffect(() => {
    if (!visible) return;
    const controller = new AbortController();
    let url: string | undefined;
    evidenceBlob(item.id, controller.signal)
      .then((blob) => setSrc((url = URL.createObjectURL(blob))))
      .catch(() => undefined);
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [visible, item.id]);

  return (
    <div ref={box} style={{ aspectRatio: '4 / 3', background: 'var(--mantine-color-gray-1)', borderRadius: 6, overflow: 'hidden' }}>
      {src ? (
        <img src={src} alt="" loading="lazy" style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }} />
      ) : (
        <Center h="100%">
          <Text size="sm" c="dimmed" fw={600}>
            {KIND_LABEL[item.kind]}
          </Text>
        </Center>
      )}
    </div>
  );
}
