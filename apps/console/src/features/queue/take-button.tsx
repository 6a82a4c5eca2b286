import { Alert, Button, Stack } from '@mantine/core';
import { problemOf } from '../../lib/problem';
import { takeRefusal, useTake } from './take';

/** On an unassigned case's page: take it, to work on it. */
export function TakeButton({ caseId }: { caseId: string }) {
  const { take } = useTake();
  return (
    <Stack gap="xs" align="flex-start">
      <Button loading={take.isPending} onClick={() => take.mutate(caseId)}>
        Take
      </Button>
      {take.error && (
        <Alert color="orange" variant="light" title="Not taken">
          {takeRefusal(problemOf(take.error))}
        </Alert>
      )}
    </Stack>
  );
}
