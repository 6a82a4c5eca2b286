import { useMutation } from '@tanstack/react-query';
import { useIntent } from './intent';

/**
 * A change a person asks for: sent once per intent with an Idempotency-Key (lib/intent.ts), its state for the
 * button (pending) and its refusal for the form (error).
 */
export function useAction<Body, Result>(send: (body: Body, idempotencyKey: string) => Promise<Result>, onDone?: (result: Result) => void) {
  const intent = useIntent(send);
  return useMutation({
    mutationFn: intent,
    onSuccess: (result) => {
      if (result !== undefined) onDone?.(result);
    },
  });
}
