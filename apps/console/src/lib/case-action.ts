import { type Case, useCaseChanged } from './case-query';
import { problemOf, splitProblem } from './problem';
import { useAction } from './use-action';

/**
 * An action on a case (offer, accept, rebuttal, …): sent once per intent, the answer (the updated case)
 * put in the cache, and its refusal split into the form's field messages and an alert.
 */
export function useCaseAction<Body>(send: (body: Body, idempotencyKey: string) => Promise<Case>, fields: Record<string, string> = {}, onDone?: () => void) {
  const changed = useCaseChanged();
  const action = useAction(send, (updated) => {
    changed(updated);
    onDone?.();
  });
  const refusal = action.error ? splitProblem(problemOf(action.error), fields) : { fieldErrors: {} as Record<string, string>, general: null };
  return { ...action, ...refusal };
}
