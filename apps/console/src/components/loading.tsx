import { Center, Loader } from '@mantine/core';
import { ProblemAlert } from './problem-alert';
import { problemOf } from '../lib/problem';

/** While a query loads, a spinner; when it failed, the problem in words. */
export function QueryState({ error, label = 'Loading' }: { error?: unknown; label?: string }) {
  if (error) return <ProblemAlert problem={problemOf(error)} />;
  return (
    <Center py="xl" role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}
