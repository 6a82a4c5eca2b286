import { useCallback, useRef } from 'react';

/**
 * One Idempotency-Key per intent. A second call while the first is still running is dropped (a double
 * click changes nothing twice); a retry of the same request after no answer came (the network failed)
 * reuses the key, so the API replays the first answer instead of acting again; once an answer came, the
 * next attempt is a new intent (the body may differ: the API would refuse a reused key with another body).
 */
export function useIntent<Body, Result>(send: (body: Body, idempotencyKey: string) => Promise<Result>) {
  const pending = useRef(false);
  const unanswered = useRef<{ key: string; body: string } | null>(null);
  return useCallback(
    async (body: Body): Promise<Result | undefined> => {
      if (pending.current) return undefined;
      pending.current = true;
      const text = JSON.stringify(body ?? null);
      const key = unanswered.current?.body === text ? unanswered.current.key : crypto.randomUUID();
      try {
        const result = await send(body, key);
        unanswered.current = null;
        return result;
      } catch (error) {
        // A TypeError is fetch's "no answer": the request may or may not have reached the API.
        unanswered.current = error instanceof TypeError ? { key, body: text } : null;
        throw error;
      } finally {
        pending.current = false;
      }
    },
    [send],
  );
}
