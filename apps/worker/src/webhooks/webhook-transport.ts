import type { WebhookTarget } from '@app/domain';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

/** Of an answer, no more than this is read before the connection is closed: receivers say what they mean in the status. */
export const ANSWER_BYTES_READ = 64 * 1024;

export interface WebhookAnswer {
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs to the address that was checked, never resolving the name again (a second lookup could answer a private
 * address: DNS rebinding); the name goes in the Host header and in TLS (SNI and the certificate check).
 * Redirects are not followed: a 3xx is the answer. The answer's body is read up to ANSWER_BYTES_READ, then the
 * connection is closed; everything, connecting included, must fit in `timeoutMs`.
 */
export function postToTarget(target: WebhookTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<WebhookAnswer> {
  const { url, hostname, address } = target;
  const secure = url.protocol === 'https:';
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: WebhookAnswer) => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve(answer);
    };
    const req = (secure ? httpsRequest : httpRequest)({
      host: address,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
      ...(secure && !isIP(hostname) && { servername: hostname }),
      // A connection of its own, closed once answered: no pooled socket outlives the check.
      agent: false,
      signal: AbortSignal.timeout(timeoutMs),
    });
    req.once('response', (res) => {
      const statusCode = res.statusCode ?? null;
      const redirect = statusCode !== null && statusCode >= 300 && statusCode < 400;
      const answer = { statusCode, error: redirect ? 'redirects are not followed' : null };
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= ANSWER_BYTES_READ) settle(answer);
      });
      res.once('end', () => settle(answer));
      res.once('error', () => settle(answer));
    });
    req.once('error', (error) => settle({ statusCode: null, error: error.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : error.message }));
    req.end(body);
  });
}
