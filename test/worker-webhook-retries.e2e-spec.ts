import { WEBHOOK_LONGEST_RETRY_MS, WEBHOOK_RETRY_PERIOD_MS } from '@app/domain';
import { nudgeWebhookDispatch } from '@app/queues';
import { AppFactory, newParties, openDispute, Parties, startTestSystem, TestSystem, testUser, TestUser, waitFor } from '@app/testing';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import type TestAgent from 'supertest/lib/agent';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

jest.setTimeout(120_000);

interface Received {
  path: string;
  eventId: string;
  signature: string;
  body: string;
  /** The system's (test) clock when it arrived. */
  at: Date;
}

/** A webhook receiver whose answer to each request `answer` decides: a status, or 'hang' (never answer). */
async function startReceiver(clock: () => Date) {
  const received: Received[] = [];
  let answer: (r: Received) => number | 'hang' = () => 204;
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = { path: req.url!, eventId: String(req.headers['x-event-id']), signature: String(req.headers['x-signature']), body, at: clock() };
    received.push(request);
    const status = answer(request);
    if (status !== 'hang') res.writeHead(status).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    answerWith(next: typeof answer) {
      answer = next;
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** API.md's X-Signature: `t=<unix seconds>`, then one `v1=<hex>` per secret in use. */
function parseSignature(header: string): { t: number; v1: string[] } {
  const parts = header.split(',').map((part) => part.split('=') as [string, string]);
  return { t: Number(parts.find(([k]) => k === 't')?.[1]), v1: parts.filter(([k]) => k === 'v1').map(([, v]) => v) };
}
const hmac = (secret: string, t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
/** What a receiver holding `secret` accepts: some v1 made with it, over a time within five minutes of its clock. */
function verifies(request: Received, secret: string): boolean {
  const { t, v1 } = parseSignature(request.signature);
  return Math.abs(request.at.getTime() / 1000 - t) <= 300 && v1.includes(hmac(secret, t, request.body));
}

const api: AppFactory = (config, clock) => CaseApiModule.forRoot(config, clock);
const worker: AppFactory = (config, clock) => WorkerModule.forRoot(config, clock);

describe('Worker: webhooks that never give up (e2e)', () => {
  let sys: TestSystem;
  let http: TestAgent;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin: TestUser;
  let parties: Parties;

  beforeAll(async () => {
    // Long case policies: days pass on the clock here, and no deadline should fire meanwhile.
    sys = await startTestSystem({
      env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', POLICY_SUPPLIER_RESPONSE: 'P60D', POLICY_NEGOTIATION_WINDOW: 'P90D' },
      apps: [api, worker],
    });
    http = sys.http(sys.apps[0]);
    receiver = await startReceiver(() => sys.clock.now());
    admin = await testUser('admin');
    parties = await newParties();
  }, 30_000);
  afterAll(async () => {
    await sys?.close();
    receiver?.close();
  });

  const subscribe = async (path: string, events: string[]) =>
    (await http.post('/v1/webhooks').set(admin.auth).send({ url: `${receiver.url}${path}`, events }).expect(201)).body as { id: string; secret: string };
  const deliveryOf = async (webhookId: string) => {
    const rows: Array<{ id: string; status: string; attempts: number; next_attempt_at: Date; round_started_at: Date }> = await sys.dataSource.query(
      `SELECT id, status, attempts, next_attempt_at, round_started_at FROM webhook_deliveries WHERE webhook_id = $1`,
      [webhookId],
    );
    return rows;
  };
  const log = async (webhookId: string) => (await http.get(`/v1/webhooks/${webhookId}/deliveries`).set(admin.auth).expect(200)).body.data;

  it('retries a receiver that keeps failing for three days with backoff, then marks the delivery failed and keeps it', async () => {
    receiver.answerWith((r) => (r.path === '/down' ? 500 : 204));
    const hook = await subscribe('/down', ['case.opened']);
    await openDispute(http, parties);
    const [first] = await waitFor(async () => {
      const rows = await deliveryOf(hook.id);
      return rows.length === 1 && rows[0].attempts >= 1 && rows;
    }, { what: 'the first attempt' });
    const waits: number[] = [];
    // Each time, move the clock to the next attempt and let the dispatcher hand it out.
    for (let round = 0; round < 200; round++) {
      const [row] = await deliveryOf(hook.id);
      if (row.status !== 'pending') break;
      const lastAttempt = receiver.received.filter((r) => r.path === '/down').at(-1)!.at;
      waits.push(row.next_attempt_at.getTime() - lastAttempt.getTime());
      sys.clock.advance(Math.max(0, row.next_attempt_at.getTime() - sys.clock.now().getTime()) + 1);
      await nudgeWebhookDispatch(sys.backend);
      await waitFor(async () => {
        const [after] = await deliveryOf(hook.id);
        return after.attempts > row.attempts && after;
      }, { what: `attempt ${row.attempts + 1}`, intervalMs: 10 });
    }

    const hits = receiver.received.filter((r) => r.path === '/down');
    const [failed] = await deliveryOf(hook.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: hits.length });
    expect(new Set(hits.map((r) => r.eventId)).size).toBe(1);
    // At least three days of retries: the last attempt is the first one after them.
    const started = first.round_started_at.getTime();
    expect(hits.at(-1)!.at.getTime() - started).toBeGreaterThanOrEqual(WEBHOOK_RETRY_PERIOD_MS);
    expect(hits.at(-2)!.at.getTime() - started).toBeLessThan(WEBHOOK_RETRY_PERIOD_MS);
    // Backoff: from a second, doubling (less up to a fifth of jitter), up to an hour.
    waits.forEach((wait, i) => {
      const full = Math.min(WEBHOOK_LONGEST_RETRY_MS, 1000 * 2 ** i);
      expect(wait).toBeLessThanOrEqual(full);
      expect(wait).toBeGreaterThanOrEqual(0.8 * full - 1);
    });
    expect(hits.length).toBeGreaterThan(70);

    const [entry] = await log(hook.id);
    expect(entry).toMatchObject({ status: 'failed', attempts: hits.length, lastStatusCode: 500, nextAttemptAt: null, deliveredAt: null });

    // Kept: sent again once the receiver is back, as the same event, on the same entry.
    receiver.answerWith(() => 204);
    await http.post(`/v1/webhooks/deliveries/${entry.id}/redeliver`).set(admin.auth).send().expect(202);
    const [delivered] = await waitFor(async () => {
      const entries = await log(hook.id);
      return entries[0].status === 'delivered' && entries;
    }, { what: 'the redelivery' });
    expect(delivered).toMatchObject({ id: entry.id, eventId: entry.eventId, attempts: hits.length + 1, lastStatusCode: 204, nextAttemptAt: null });
    expect(receiver.received.filter((r) => r.path === '/down').at(-1)!.eventId).toBe(entry.eventId);
    expect(await log(hook.id)).toHaveLength(1);
  });

  it('treats a receiver that does not answer within 5 seconds as a failure, and tries again', async () => {
    let hung = false;
    receiver.answerWith((r) => (r.path === '/slow' && !hung ? ((hung = true), 'hang') : 204));
    const hook = await subscribe('/slow', ['case.opened']);
    await openDispute(http, parties);
    const [entry] = await waitFor(async () => {
      const entries = await log(hook.id);
      return entries[0]?.status === 'delivered' && entries;
    }, { what: 'the delivery after a timeout', timeoutMs: 20_000 });
    expect(entry).toMatchObject({ attempts: 2, lastStatusCode: 204, lastError: null });
    const hits = receiver.received.filter((r) => r.path === '/slow');
    expect(hits).toHaveLength(2);
    expect(hits[1].eventId).toBe(hits[0].eventId);
  });

  it('signs with the old and the new secret for 24 hours after a rotation, then with the new one only', async () => {
    receiver.answerWith(() => 204);
    const hook = await subscribe('/rotating', ['case.message_posted']);
    const { caseId } = await openDispute(http, parties);
    const post = async (body: string): Promise<Received> => {
      const message = await http.post(`/v1/cases/${caseId}/messages`).set(parties.buyer.auth).send({ body }).expect(201);
      return waitFor(async () => receiver.received.find((r) => r.path === '/rotating' && JSON.parse(r.body).data.messageId === message.body.id) ?? false, {
        what: `the delivery of "${body}"`,
      });
    };

    const before = await post('Before the rotation');
    expect(parseSignature(before.signature).v1).toHaveLength(1);
    expect(verifies(before, hook.secret)).toBe(true);

    const rotated = (await http.post(`/v1/webhooks/${hook.id}/rotate-secret`).set(admin.auth).send().expect(200)).body;
    const during = await post('During the day after it');
    const { t, v1 } = parseSignature(during.signature);
    expect(v1).toEqual([hmac(hook.secret, t, during.body), hmac(rotated.secret, t, during.body)]);
    // A receiver still holding the old secret and one already holding the new one both accept it.
    expect(verifies(during, hook.secret)).toBe(true);
    expect(verifies(during, rotated.secret)).toBe(true);

    sys.clock.advance(24 * 3_600_000 + 60_000);
    const after = await post('A day and a minute later');
    expect(parseSignature(after.signature).v1).toHaveLength(1);
    expect(verifies(after, rotated.secret)).toBe(true);
    expect(verifies(after, hook.secret)).toBe(false);
  });
});
