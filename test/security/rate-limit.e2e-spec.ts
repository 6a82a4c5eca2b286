import { createTestEnv, MAINS, ServiceProcess, spawnService, startTestApp, TEST_REDIS_URL, TestApp, testUser, TestUser, waitFor } from '@app/testing';
import { once } from 'node:events';
import { createConnection, createServer, Server, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';

const caseApi = (env: Record<string, string>) => startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), env);

describe('The rate limit counts per route, not per caller, and never counts requests with a bad token', () => {
  let t: TestApp;
  let behindProxy: TestApp;

  beforeAll(async () => {
    t = await caseApi({ RATE_LIMIT_PER_MINUTE: '5' });
    behindProxy = await caseApi({ RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await t?.close();
    await behindProxy?.close();
  });

  it('answers 429 rate_limited with Retry-After once a caller passes its requests per minute, counting each caller apart', async () => {
    const busy = await testUser('buyer');
    const other = await testUser('buyer');
    for (let i = 0; i < 5; i++) await t.http.get('/v1/cases').set(busy.auth).expect(200);
    const limited = await t.http.get('/v1/cases').set(busy.auth).expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await t.http.get('/v1/cases').set(other.auth).expect(200);
  });

  it('counts a caller across every route, not per route', async () => {
    const busy = await testUser('buyer');
    await t.http.get('/v1/cases').set(busy.auth).expect(200);
    await t.http.get(`/v1/cases/${randomUUID()}`).set(busy.auth).expect(404);
    await t.http.get(`/v1/suppliers/${randomUUID()}/metrics`).set(busy.auth).expect(200);
    await t.http.get('/v1/queue').set(busy.auth).expect(403);
    await t.http.get(`/v1/orders/${randomUUID()}`).set(busy.auth).expect(404);
    await t.http.get('/v1/webhooks').set(busy.auth).expect(429);
    await t.http.get('/v1/cases').set(busy.auth).expect(429);
  });

  it('counts requests without a valid token per client address, so a flood of bad tokens is limited too', async () => {
    for (let i = 0; i < 3; i++) await t.http.get('/v1/cases').set('Authorization', `Bearer not-a-jwt-${i}`).expect(401);
    await t.http.get(`/v1/orders/${randomUUID()}`).expect(401);
    await t.http.get('/v1/cases').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.').expect(401);
    const limited = await t.http.get('/v1/cases').set('Authorization', 'Bearer not-a-jwt').expect(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    await t.http.get('/v1/cases').expect(429);
    // A signed-in caller at the same address has a count of its own.
    await t.http.get('/v1/cases').set((await testUser('buyer')).auth).expect(200);
  });

  it('takes the client address from X-Forwarded-For behind a trusted proxy (TRUST_PROXY)', async () => {
    const from = (address: string) => behindProxy.http.get('/v1/cases').set('X-Forwarded-For', address).set('Authorization', 'Bearer bad');
    for (let i = 0; i < 5; i++) await from('203.0.113.7').expect(401);
    await from('203.0.113.7').expect(429);
    await from('203.0.113.8').expect(401);
  });

  it('never limits health checks', async () => {
    for (let i = 0; i < 8; i++) await t.http.get('/health').expect(200);
  });
});

/** A TCP relay to the test Redis that the test can cut and restore: Redis "goes down" without touching the real one. */
class RedisRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  // A free port the first time, the same one after each outage.
  port = 0;

  async up(): Promise<number> {
    const upstream = new URL(TEST_REDIS_URL);
    this.server = createServer((client) => {
      const redis = createConnection(Number(upstream.port), upstream.hostname);
      for (const socket of [client, redis]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(redis).pipe(client);
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  async down(): Promise<void> {
    const closed = once(this.server!, 'close');
    this.server!.close();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

describe('With Redis down, every authenticated request answers 500', () => {
  let relay: RedisRelay;
  let api: ServiceProcess;
  let logs = '';

  beforeAll(async () => {
    relay = new RedisRelay();
    const port = await relay.up();
    const env = await createTestEnv({ RATE_LIMIT_PER_MINUTE: '3', REDIS_URL: `redis://127.0.0.1:${port}/0` });
    api = await spawnService(MAINS.caseApi, env, { logLevel: 'info', keepChars: 2_000_000 });
    api.child.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  }, 60_000);
  afterAll(async () => {
    await api?.kill();
    await relay?.down().catch(() => undefined);
  });

  const http = () => request(`http://127.0.0.1:${api.port}`);
  const metric = async (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec((await http().get('/metrics').expect(200)).text)?.[1]);
  const allowedUntilLimited = async (user: TestUser) => {
    for (let i = 0; i < 3; i++) await http().get('/v1/cases').set(user.auth).expect(200);
    await http().get('/v1/cases').set(user.auth).expect(429);
  };

  it('lets requests through while Redis does not answer, says so once in the logs and in /metrics, and limits again once it is back', async () => {
    await allowedUntilLimited(await testUser('buyer'));
    expect(await metric('arbiter_rate_limit_store_up')).toBe(1);

    await relay.down();
    const during = await testUser('buyer');
    const unchecked = await metric('arbiter_rate_limit_unchecked_requests_total');
    for (let i = 0; i < 8; i++) await http().get('/v1/cases').set(during.auth).expect(200);
    expect(await metric('arbiter_rate_limit_unchecked_requests_total')).toBe(unchecked + 8);
    expect(await metric('arbiter_rate_limit_store_up')).toBe(0);

    await relay.up();
    const probe = await testUser('buyer');
    await waitFor(async () => (await http().get('/v1/cases').set(probe.auth)).ok && (await metric('arbiter_rate_limit_store_up')) === 1, {
      what: 'the rate limiter to reach Redis again',
    });
    await allowedUntilLimited(await testUser('buyer'));

    const lines = logs.split('\n');
    expect(lines.filter((line) => line.includes('Redis does not answer the rate limiter'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('Redis answers the rate limiter again'))).toHaveLength(1);
  });
});
