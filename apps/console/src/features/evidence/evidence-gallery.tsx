import { SimpleGrid, Text } from '@mantine/core';
import { EvidenceTile } from './evidence-tile';
import type { Evidence } from './use-evidence';

/** Tiles of thumbnails and posters; opening one shows it in the viewer. */
export function EvidenceGallery({ items, onOpen, emptyText, newSince }: { items: Evidence[]; onOpen(item: Evidence): void; emptyText: string; newSince?: string }) {
  if (!items.length) return <Text size="sm" c="dimmed">{emptyText}</Text>;
  return (
    // Columns by the gallery's own width: it sits in a half column on a desktop, the whole width on a phone.
    <SimpleGrid type="container" cols={{ base: 2, '420px': 3, '640px': 4 }} spacing="sm" verticalSpacing="md">
      {items.map((item) => (
        <EvidenceTile key={item.id} item={item} onOpen={onOpen} isNew={!!newSince && item.createdAt > newSince} />
      ))}
    </SimpleGrid>
  );
}
