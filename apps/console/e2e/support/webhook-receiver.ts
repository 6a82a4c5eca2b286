// A webhook receiver on loopback, as a marketplace's ERP would run one: it keeps every delivery it gets (headers and
// the raw body, which the signature covers) and answers what the test says (200 until told otherwise).
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './api';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; caseId: string; type: string };
}

export async function startReceiver() {
  const received: Received[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, event: JSON.parse(body) as Received['event'] });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const deliveriesOf = (eventId: string) => received.filter((r) => r.headers['x-event-id'] === eventId);
  return {
    url: `http://127.0.0.1:${port}/arbiter-hooks`,
    /** What it answers from now on. */
    answer(next: number) {
      status = next;
    },
    deliveriesOf,
    /** The first delivery that matches, once it has come. */
    waitFor: (what: string, match: (r: Received) => boolean) => waitUntil(what, async () => received.find(match)),
    /** Until the same event (X-Event-Id) has come `times` times. */
    waitForTimes: (eventId: string, times: number) => waitUntil(`event ${eventId} delivered ${times} times`, async () => deliveriesOf(eventId).length >= times),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** API.md: `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one v1 per signing secret. */
export function signatureOf(r: Received): { t: string; v1: string[] } {
  const parts = String(r.headers['x-signature']).split(',');
  return { t: parts.find((p) => p.startsWith('t='))!.slice(2), v1: parts.filter((p) => p.startsWith('v1=')).map((p) => p.slice(3)) };
}

/** The signature a receiver holding `secret` expects for this delivery. */
export const expectedSignature = (secret: string, t: string, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
