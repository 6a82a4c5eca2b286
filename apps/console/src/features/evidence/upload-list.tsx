import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useUppyState } from '@uppy/react';
import { formatBytes } from '../../lib/bytes';
import { type EvidenceUppy, retryEvidenceFile } from './uploader';

/** Each file on its way: "Preparing" (hashing), then "Uploading" with its share sent; a refusal in words. */
export function UploadList({ uppy }: { uppy: EvidenceUppy }) {
  const files = useUppyState(uppy, (state) => state.files);
  const rows = Object.values(files).filter((file) => !file.meta.completed || file.error);
  if (!rows.length) return null;
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Uploads">
      {rows.map((file) => {
        const { preprocess, postprocess, percentage = 0, uploadStarted } = file.progress;
        const stage = preprocess ? 'Preparing' : postprocess ? 'Completing' : uploadStarted ? 'Uploading' : 'Waiting';
        const value = preprocess?.mode === 'determinate' ? Math.round(preprocess.value * 100) : stage === 'Uploading' ? percentage : postprocess ? 100 : 0;
        return (
          <li key={file.id}>
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {file.name}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({formatBytes(file.size ?? 0)})
                  </Text>
                </Text>
                {!file.error && (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {stage} {stage !== 'Waiting' && `${value} %`}
                  </Text>
                )}
              </Group>
              {file.error ? (
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" c="red.9" role="alert" style={{ flex: 1 }}>
                    {file.error}
                  </Text>
                  {file.data && !file.isGhost && (
                    <Button size="compact-sm" variant="default" onClick={() => retryEvidenceFile(uppy, file.id)}>
                      Try again
                    </Button>
                  )}
                  <Button size="compact-sm" variant="subtle" color="gray.8" onClick={() => uppy.removeFile(file.id)}>
                    Dismiss
                  </Button>
                </Group>
              ) : (
                <Progress.Root size="lg" aria-hidden={stage === 'Waiting'}>
                  <Progress.Section value={value} color={stage === 'Preparing' ? 'gray.6' : 'indigo.7'} aria-label={`${stage} ${file.name}`} animated={stage === 'Completing'} />
                </Progress.Root>
              )}
              {file.isGhost && !file.error && (
                <Text size="xs" c="gray.9" fw={500}>
                  This upload was interrupted and the browser did not keep the file: add it again to finish.
                </Text>
              )}
            </Stack>
          </li>
        );
      })}
    </Stack>
  );
}
