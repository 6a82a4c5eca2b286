import { Button, Stack, Text } from '@mantine/core';
import { problemOf } from '../lib/problem';
import { ProblemAlert } from './problem-alert';

interface RowActionProps {
  label: string;
  /** useAction's state. */
  action: { isPending: boolean; isSuccess: boolean; error: unknown };
  onClick(): void;
  /** Once it is done: what came of it, in words (role status). */
  status: string;
  /** Done once and for all: the button stays disabled after it succeeded. */
  once?: boolean;
}

/** A table row's action (Send again, Redeliver): its button, then what came of it in words, or its refusal. */
export function RowAction({ label, action, onClick, status, once = false }: RowActionProps) {
  return (
    <Stack gap={4} align="flex-start">
      <Button size="xs" loading={action.isPending} onClick={onClick} disabled={once && action.isSuccess}>
        {label}
      </Button>
      {action.isSuccess && (
        <Text size="xs" role="status">
          {status}
        </Text>
      )}
      {!!action.error && <ProblemAlert problem={problemOf(action.error)} />}
    </Stack>
  );
}
