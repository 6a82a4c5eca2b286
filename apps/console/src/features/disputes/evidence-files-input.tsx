import { CloseButton, Group, Input, List, Text } from '@mantine/core';
import { useId } from 'react';
import { formatBytes } from '../../lib/bytes';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,.heic,video/mp4,video/quicktime,.mov,video/webm,application/pdf,text/plain';

/** Photos, videos and documents to upload once the dispute exists (its page shows their progress). */
export function EvidenceFilesInput({ files, onChange }: { files: File[]; onChange(files: File[]): void }) {
  const id = useId();
  return (
    <Input.Wrapper label="Evidence files" labelProps={{ htmlFor: id }} description="Photos, videos, PDFs or chat logs (text). They upload after you submit.">
      <input
        id={id}
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={`${id}-hint`}
        style={{ display: 'block', marginTop: 6, maxWidth: '100%' }}
        onChange={(event) => {
          onChange([...files, ...Array.from(event.currentTarget.files ?? [])]);
          event.currentTarget.value = '';
        }}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        Several files may be chosen
      </span>
      {files.length > 0 && (
        <List mt="xs" spacing={4} listStyleType="none">
          {files.map((file, index) => (
            <List.Item key={`${file.name}-${index}`}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {file.name} ({formatBytes(file.size)})
                </Text>
                <CloseButton size="sm" aria-label={`Remove ${file.name}`} onClick={() => onChange(files.filter((_, i) => i !== index))} />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Input.Wrapper>
  );
}
