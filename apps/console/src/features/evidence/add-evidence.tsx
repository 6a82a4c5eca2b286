import { Alert, Button, Collapse, Input, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, useState } from 'react';
import { addEvidenceFiles, type EvidenceUppy } from './uploader';

const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,.heic,video/mp4,video/quicktime,.mov,video/webm,application/pdf,text/plain';

/** "Add evidence": choose files; each starts uploading at once (its progress shows below). */
export function AddEvidence({ uppy, initiallyOpen = false }: { uppy: EvidenceUppy; initiallyOpen?: boolean }) {
  const [opened, { toggle }] = useDisclosure(initiallyOpen);
  const [refused, setRefused] = useState<string[]>([]);
  const id = useId();
  return (
    <Stack gap="xs">
      <Button variant="light" onClick={toggle} aria-expanded={opened} aria-controls={`${id}-panel`} style={{ alignSelf: 'flex-start' }}>
        Add evidence
      </Button>
      <Collapse expanded={opened} id={`${id}-panel`}>
        <Input.Wrapper label="Evidence files" labelProps={{ htmlFor: id }} description="Photos, videos, PDFs or chat logs (text); each uploads as soon as it is chosen">
          <input
            id={id}
            autoFocus={initiallyOpen}
            type="file"
            multiple
            accept={ACCEPT}
            style={{ display: 'block', marginTop: 6, maxWidth: '100%' }}
            onChange={(event) => {
              setRefused(addEvidenceFiles(uppy, Array.from(event.currentTarget.files ?? [])));
              event.currentTarget.value = '';
            }}
          />
        </Input.Wrapper>
        {refused.length > 0 && (
          <Alert color="orange" variant="light" mt="xs" title="Not added">
            {refused.join('; ')}
          </Alert>
        )}
      </Collapse>
    </Stack>
  );
}
