import { newParties, openDispute, startTestSystem, TestSystem, testUser, TestUser, waitFor } from '@app/testing';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';
import { postToTarget } from '../../apps/worker/src/webhooks/webhook-transport';
import { WorkerModule } from '../../apps/worker/src/worker.module';

interface Receiver {
  server: Server;
  port: number;
  received: Array<{ host: string | undefined; path: string; body: string }>;
}

async function startReceiver(answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(204).end()): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ host: req.headers.host, path: req.url!, body });
    answer(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, received };
}

/**
 * API.md, WEBHOOK_ALLOW_PRIVATE_TARGETS: webhook URLs must resolve to public addresses, checked at registration
 * and again at each delivery against the address connected to; redirects are not followed; answers are read up
 * to a small cap. Here the case API and the worker run with the default (false); a second case API allows
 * private targets, standing for a webhook registered while it still resolved to a public address.
 */
describe('Security: webhook targets (e2e)', () => {
  let sys: TestSystem;
  let admin: TestUser;
  let receiver: Receiver;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [(c, k) => CaseApiModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)] });
    admin = await testUser('admin');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await sys.close();
    receiver.server.close();
  });

  const register = (url: string) => sys.http(sys.apps[0]).post('/v1/webhooks').set(admin.auth).send({ url, events: ['*'] });

  describe('Webhooks can be pointed at internal addresses: loopback, private, link-local and metadata URLs were registered', () => {
    it.each([
      ['loopback', 'http://127.0.0.1:4000/hook'],
      ['loopback by name', 'http://localhost:4000/hook'],
      ['loopback IPv6', 'http://[::1]:4000/hook'],
      ['private 10/8', 'http://10.0.0.5/hook'],
      ['private 172.16/12', 'http://172.16.3.4/hook'],
      ['private 192.168/16', 'http://192.168.1.1/hook'],
      ['link-local', 'http://169.254.10.10/hook'],
      ['cloud metadata', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
      ['carrier-grade NAT', 'http://100.64.0.1/hook'],
      ['unique-local IPv6', 'http://[fd00:ec2::254]/latest/meta-data/'],
      ['link-local IPv6', 'http://[fe80::1]/hook'],
      ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]:4000/hook'],
      ['the unspecified address', 'http://0.0.0.0:3000/hook'],
      ['loopback as a decimal number', 'http://2130706433:4000/hook'],
      ['loopback in octal', 'http://0177.0.0.1:4000/hook'],
      ['loopback in hex', 'http://0x7f.0.0.1:4000/hook'],
      ['a name that does not resolve', 'https://hooks.invalid/arbiter'],
    ])('refuses %s (%s) with 400 validation_failed naming url', async (_what, url) => {
      const res = await register(url).expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'url' }] });
    });

    it('registers a public target', async () => {
      await register('https://93.184.216.34/arbiter-hooks').expect(201);
      const listed = await sys.http(sys.apps[0]).get('/v1/webhooks?limit=100').set(admin.auth).expect(200);
      expect(listed.body.data.map((w: { url: string }) => w.url)).toEqual(['https://93.184.216.34/arbiter-hooks']);
    });

    it('checks again at delivery: a target that now reaches a loopback address is not sent to', async () => {
      // Registered while private targets were allowed (or while the name still resolved to a public address).
      const permissive = await sys.startApp((c, k) => CaseApiModule.forRoot({ ...c, webhooks: { allowPrivateTargets: true } }, k));
      const hook = await sys.http(permissive).post('/v1/webhooks').set(admin.auth).send({ url: `http://127.0.0.1:${receiver.port}/hook`, events: ['case.opened'] }).expect(201);

      await openDispute(sys.http(sys.apps[0]), await newParties());
      const refused = await waitFor(
        async () => {
          const [row] = await sys.dataSource.query(`SELECT attempts, status, last_status_code, last_error FROM webhook_deliveries WHERE webhook_id = $1`, [hook.body.id]);
          return row?.attempts >= 1 && row;
        },
        { what: 'the first delivery attempt' },
      );
      expect(refused).toMatchObject({ status: 'pending', last_status_code: null, last_error: expect.stringMatching(/not sent: .*127\.0\.0\.1 is a loopback address/) });
      expect(receiver.received).toEqual([]);
    });
  });
});

describe('Security: webhook delivery connects to what was checked, follows no redirect, reads little', () => {
  const receivers: Receiver[] = [];
  afterAll(() => receivers.forEach((r) => r.server.close()));
  const receiverWith = async (answer?: Parameters<typeof startReceiver>[0]) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };
  const targetOf = (url: string, address = '127.0.0.1') => ({ url: new URL(url), hostname: new URL(url).hostname, address });

  it('connects to the resolved address with the name in Host: no second lookup that could answer otherwise', async () => {
    const r = await receiverWith();
    // The name resolves nowhere: had the transport looked it up again, nothing would have been sent.
    const answer = await postToTarget(targetOf(`http://hooks.example.invalid:${r.port}/arbiter?x=1`), { 'content-type': 'application/json' }, '{"id":"e1"}', 5000);
    expect(answer).toEqual({ statusCode: 204, error: null });
    expect(r.received).toEqual([{ host: `hooks.example.invalid:${r.port}`, path: '/arbiter?x=1', body: '{"id":"e1"}' }]);
  });

  it('treats a redirect as the answer, never following it', async () => {
    const elsewhere = await receiverWith();
    const r = await receiverWith((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${elsewhere.port}/internal` }).end());
    const answer = await postToTarget(targetOf(`http://127.0.0.1:${r.port}/hook`), {}, '{}', 5000);
    expect(answer).toEqual({ statusCode: 307, error: 'redirects are not followed' });
    expect(elsewhere.received).toEqual([]);
  });

  it('reads at most 64 KiB of an answer that never ends, then closes the connection', async () => {
    let closedEarly = false;
    const r = await receiverWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.once('close', () => (closedEarly = !res.writableFinished));
      pump();
    });
    const started = Date.now();
    const answer = await postToTarget(targetOf(`http://127.0.0.1:${r.port}/hook`), {}, '{}', 5000);
    expect(answer).toEqual({ statusCode: 200, error: null });
    expect(Date.now() - started).toBeLessThan(4000);
    await waitFor(async () => closedEarly, { what: 'the receiver to see its connection closed' });
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const r = await receiverWith(() => undefined);
    const answer = await postToTarget(targetOf(`http://127.0.0.1:${r.port}/hook`), {}, '{}', 300);
    expect(answer).toEqual({ statusCode: null, error: 'no answer within 300 ms' });
  });
});
