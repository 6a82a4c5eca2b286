import { Alert } from '@mantine/core';
import type { Problem } from '../lib/problem';

/** A refusal that belongs to no single field, in the API's own words (role alert). */
export function ProblemAlert({ problem, title }: { problem: Problem | null | undefined; title?: string }) {
  if (!problem) return null;
  return (
    <Alert color="red" variant="light" title={title ?? problem.title}>
      {problem.detail}
      {problem.errorId && <div>Reference for support: {problem.errorId}</div>}
    </Alert>
  );
}
