import { Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { type TilePicture } from './derivatives';
import { isFresh, useEvidenceLinks } from './use-evidence-links';
import type { Evidence } from './use-evidence';

/**
 * A tile's picture: the thumbnail, poster or preview, its links asked for only once the tile scrolls into view
 * (a case of 50 items loads the few in sight); otherwise what `picture` says, in words.
 */
export function EvidenceThumbnail({ item, picture }: { item: Evidence; picture: TilePicture }) {
  const box = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [broken, setBroken] = useState<string>();
  const wanted = 'picture' in picture ? picture.picture : null;
  const links = useEvidenceLinks(item, visible && !!wanted);
  const link = wanted ? links.data?.[wanted] : undefined;

  useEffect(() => {
    if (!wanted || !box.current) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' });
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [wanted]);

  // A picture that will not load: its link expired (ask again), or the bytes are not a picture a browser shows.
  const failed = () => {
    if (link && !isFresh(link)) void links.refetch();
    else setBroken(link?.url);
  };
  const showsPicture = link && broken !== link.url;
  return (
    <div ref={box} style={{ aspectRatio: '4 / 3', background: 'var(--mantine-color-gray-1)', borderRadius: 6, overflow: 'hidden' }}>
      {showsPicture ? (
        <img src={link.url} alt="" loading="lazy" decoding="async" onError={failed} style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }} />
      ) : (
        <Center h="100%" p={6}>
          <Stack gap={4} align="center">
            {'pending' in picture && picture.pending && <Loader size="xs" color="gray.6" />}
            <Text size="xs" c="gray.8" fw={600} ta="center">
              {'text' in picture ? picture.text : broken ? 'The picture could not be shown' : 'Loading…'}
            </Text>
          </Stack>
        </Center>
      )}
    </div>
  );
}
