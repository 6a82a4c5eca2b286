import { AppFactory, newParties, openDispute, startTestSystem, TestSystem, testUser, waitFor } from '@app/testing';
import { once } from 'node:events';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

// Jest's project config cannot set testTimeout; these suites wait on real clocks and processes.
jest.setTimeout(60_000);

interface Received {
  path: string;
  eventId: string;
  signature: string;
  body: string;
  answered: number;
}

/** A webhook receiver that answers 500 to its first `failures` requests, then 204. */
async function startReceiver(failures: number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const answered = received.length < failures ? 500 : 204;
    received.push({ path: req.url!, eventId: String(req.headers['x-event-id']), signature: String(req.headers['x-signature']), body, answered });
    res.writeHead(answered).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received, server };
}

/** API.md: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">. */
function validSignature(header: string, body: string, secret: string): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  if (!t || !v1 || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const api: AppFactory = (config, clock) => CaseApiModule.forRoot(config, clock);
const worker: AppFactory = (config, clock) => WorkerModule.forRoot(config, clock);

describe('Worker: webhook delivery from the outbox (e2e)', () => {
  let sys: TestSystem;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver(2);
    // The receiver listens on loopback.
    sys = await startTestSystem({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }, apps: [api, worker] });
  }, 30_000);
  afterAll(async () => {
    await sys?.close();
    receiver?.server.close();
  });

  it('delivers every event of a finished case once per X-Event-Id, validly signed, also after two 500s', async () => {
    const http = sys.http(sys.apps[0]);
    const admin = await testUser('admin');
    const subscribe = async (path: string, events: string[]) =>
      (await http.post('/v1/webhooks').set(admin.auth).send({ url: `${receiver.url}${path}`, events }).expect(201)).body as { id: string; secret: string };
    const all = await subscribe('/all', ['*']);
    const resolvedOnly = await subscribe('/resolved', ['case.resolved']);
    const removed = await subscribe('/removed', ['*']);
    await http.delete(`/v1/webhooks/${removed.id}`).set(admin.auth).expect(204);

    const parties = await newParties();
    const { caseId } = await openDispute(http, parties);
    await http.post(`/v1/cases/${caseId}/offers/accept`).set(parties.supplier.auth).send().expect(200);

    // Finished: resolved, and the refund paid out and confirmed.
    const timeline = await waitFor(async () => {
      const res = await http.get(`/v1/cases/${caseId}/timeline`).set(parties.buyer.auth).expect(200);
      const events: Array<{ id: string; type: string }> = res.body.data ?? res.body;
      return events.some((e) => e.type === 'refund.succeeded') && events;
    }, { what: 'the refund to succeed' });
    expect(timeline.map((e) => e.type)).toEqual(['case.opened', 'case.offer_accepted', 'case.resolved', 'refund.created', 'refund.sent', 'refund.succeeded']);

    const delivered = (path: string) => receiver.received.filter((r) => r.path === path && r.answered < 300);
    await waitFor(async () => delivered('/all').length >= timeline.length && delivered('/resolved').length >= 1, {
      what: 'every event to reach the receiver',
    });

    expect(delivered('/all').map((r) => r.eventId).sort()).toEqual(timeline.map((e) => e.id).sort());
    for (const request of receiver.received.filter((r) => r.path === '/all')) {
      const event = timeline.find((e) => e.id === request.eventId)!;
      expect(JSON.parse(request.body)).toEqual(event);
      expect(validSignature(request.signature, request.body, all.secret)).toBe(true);
    }
    const resolvedEvent = timeline.find((e) => e.type === 'case.resolved')!;
    expect(delivered('/resolved').map((r) => r.eventId)).toEqual([resolvedEvent.id]);
    expect(validSignature(delivered('/resolved')[0].signature, delivered('/resolved')[0].body, resolvedOnly.secret)).toBe(true);
    expect(receiver.received.filter((r) => r.path === '/removed')).toHaveLength(0);

    // The two 500s were retried with the same event id, and every attempt is on its delivery row.
    const retried = receiver.received.filter((r) => r.answered === 500);
    expect(retried).toHaveLength(2);
    for (const failed of retried) expect(receiver.received.filter((r) => r.eventId === failed.eventId && r.path === failed.path).length).toBeGreaterThan(1);
    const [rows] = await sys.dataSource.query(
      `SELECT count(*)::int AS deliveries, sum(attempts)::int AS attempts,
              count(*) FILTER (WHERE status = 'delivered' AND last_status_code = 204)::int AS delivered
       FROM webhook_deliveries`,
    );
    expect(rows).toEqual({ deliveries: timeline.length + 1, attempts: receiver.received.length, delivered: timeline.length + 1 });
  }, 60_000);
});
