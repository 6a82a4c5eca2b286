import { QUEUES, QueueBackend } from '@app/queues';
import { createTestEnv, MAINS, spawnService, startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import request from 'supertest';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';

const caseApi = (env: Record<string, string> = {}) => startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), env);
const SESSIONS = '/v1/admin/queue-dashboard/sessions';

/** Asks for a login URL as `admin` and returns the path to open (the URL names the app's own address). */
async function loginPath(t: TestApp, admin: TestUser, headers: Record<string, string> = {}): Promise<{ path: string; url: URL; body: Record<string, string> }> {
  const res = await t.http.post(SESSIONS).set(admin.auth).set(headers).expect(201);
  const url = new URL(res.body.url);
  return { path: url.pathname + url.search, url, body: res.body };
}

function sessionCookie(setCookie: string[] | string | undefined): string {
  const cookie = [setCookie ?? []].flat().find((c) => c.startsWith('arbiter_queue_dashboard='));
  if (!cookie) throw new Error(`no dashboard cookie in ${JSON.stringify(setCookie)}`);
  return cookie;
}

describe('Queue dashboard at /admin/queues', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await caseApi();
    admin = await testUser('admin');
  });
  afterAll(() => t?.close());

  describe('The queue dashboard takes the JWT in the query string: a one-time login code instead', () => {
    it('refuses callers without a token (401) and non-admins (403), as problem documents', async () => {
      const anonymous = await t.http.get('/admin/queues').expect(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.parse(anonymous.text)).toMatchObject({ status: 401, code: 'unauthenticated' });
      await t.http.get('/admin/queues').set('Authorization', 'Bearer not-a-jwt').expect(401);
      const specialist = await testUser('specialist');
      expect(JSON.parse((await t.http.get('/admin/queues/api/queues').set(specialist.auth).expect(403)).text)).toMatchObject({ code: 'forbidden' });
      await t.http.post(SESSIONS).set(specialist.auth).expect(403);
      await t.http.post(SESSIONS).expect(401);
    });

    it('no longer logs a browser in with ?token=<JWT>', async () => {
      const res = await t.http.get(`/admin/queues?token=${admin.token}`).expect(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('shows admins every queue with their bearer token', async () => {
      const page = await t.http.get('/admin/queues/').set(admin.auth).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      // Under the CSP (script-src 'self') the page runs only its own files; each one loads.
      const scripts = [...page.text.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) {
        const script = await t.http.get(new URL(src, 'http://app.test/admin/queues/').pathname).set(admin.auth).expect(200);
        expect(script.headers['content-type']).toMatch(/javascript/);
      }
      const queues = await t.http.get('/admin/queues/api/queues').set(admin.auth).expect(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    });

    it('logs a browser in with a code valid for a minute, once, into a server-side session held by an HttpOnly, SameSite=Strict cookie', async () => {
      const { path, url, body } = await loginPath(t, admin);
      expect(url.pathname).toBe('/admin/queues/login');
      expect(url.search).not.toContain(admin.token);
      const lifetime = new Date(body.expiresAt).getTime() - Date.now();
      expect(lifetime).toBeGreaterThan(50_000);
      expect(lifetime).toBeLessThanOrEqual(60_000);

      const login = await t.http.get(path).expect(303);
      expect(login.headers.location).toBe('/admin/queues/');
      const cookie = sessionCookie(login.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/admin\/queues/);
      expect(cookie).not.toMatch(/Secure/); // plain HTTP, no trusted proxy: see the next suite
      const session = cookie.split(';')[0];
      const sessionId = session.split('=')[1];
      expect(sessionId).not.toContain(admin.token);
      expect(sessionId).not.toMatch(/^eyJ/);
      expect(sessionId).not.toBe(url.searchParams.get('code'));

      await t.http.get('/admin/queues/api/queues').set('Cookie', session).expect(200);
      // The code is spent: the same URL opens nothing a second time.
      const again = await t.http.get(path).expect(401);
      expect(again.headers['set-cookie']).toBeUndefined();
      // The code and the session are kept server-side, hashed, with a lifetime: the code's at most a minute.
      const redis = t.app.get(QueueBackend).redisClient()!;
      const keys = await redis.keys(`${t.config.queues.prefix}:queue-dashboard:*`);
      expect(keys.every((key) => !key.includes(sessionId))).toBe(true);
      for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    });

    it('documents the login endpoint in the OpenAPI document', async () => {
      const document = (await t.http.get('/docs-json').expect(200)).body;
      const created = document.paths[SESSIONS].post.responses['201'];
      expect(created.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/QueueDashboardLogin' });
      expect(Object.keys(document.components.schemas.QueueDashboardLogin.properties).sort()).toEqual(['expiresAt', 'url']);
    });

    it('refuses a made-up code and a made-up session', async () => {
      await t.http.get('/admin/queues/login?code=made-up').expect(401);
      await t.http.get('/admin/queues/login').expect(401);
      await t.http.get('/admin/queues/api/queues').set('Cookie', 'arbiter_queue_dashboard=made-up').expect(401);
    });
  });

  describe('The queue dashboard is read-write for admins, who are read-only everywhere else', () => {
    it('shows every queue read-only and refuses every change, by bearer token or session cookie alike', async () => {
      const queues = await t.http.get('/admin/queues/api/queues').set(admin.auth).expect(200);
      expect(queues.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
      const { path } = await loginPath(t, admin);
      const session = sessionCookie((await t.http.get(path).expect(303)).headers['set-cookie']).split(';')[0];

      const changes = [
        () => t.http.put(`/admin/queues/api/queues/${QUEUES.deadlines}/pause`),
        () => t.http.put('/admin/queues/api/queues/pause'),
        () => t.http.put(`/admin/queues/api/queues/${QUEUES.deadlines}/clean/failed`),
        () => t.http.post(`/admin/queues/api/queues/${QUEUES.deadlines}/add`).send({ name: 'deadline.due', data: {} }),
        () => t.http.delete(`/admin/queues/api/queues/${QUEUES.deadlines}/empty`),
      ];
      for (const change of changes) {
        expect((await change().set(admin.auth)).status).toBe(403);
        expect((await change().set('Cookie', session)).status).toBe(403);
      }
      const deadlines = t.app.get(QueueBackend).queue(QUEUES.deadlines);
      expect(await deadlines.isPaused()).toBe(false);
      expect(await deadlines.getJobCounts('waiting')).toEqual({ waiting: 0 });
    });
  });
});

describe('The queue dashboard cookie is not Secure behind a TLS proxy', () => {
  let behindProxy: TestApp;
  let direct: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    behindProxy = await caseApi({ TRUST_PROXY: '1' });
    direct = await caseApi();
    admin = await testUser('admin');
  });
  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
  });

  it('sets a Secure cookie and names an https URL when a trusted proxy says the request came over TLS', async () => {
    const tls = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'arbiter.example.com' };
    const { path, url } = await loginPath(behindProxy, admin, tls);
    expect(url.origin).toBe('https://arbiter.example.com');
    const cookie = sessionCookie((await behindProxy.http.get(path).set(tls).expect(303)).headers['set-cookie']);
    expect(cookie).toMatch(/; Secure/);
  });

  it('believes no X-Forwarded-Proto without TRUST_PROXY', async () => {
    const { path, url } = await loginPath(direct, admin, { 'X-Forwarded-Proto': 'https' });
    expect(url.protocol).toBe('http:');
    const cookie = sessionCookie((await direct.http.get(path).set('X-Forwarded-Proto', 'https').expect(303)).headers['set-cookie']);
    expect(cookie).not.toMatch(/Secure/);
  });
});

describe('Log redaction: ?%74oken= gets past it', () => {
  it('keeps tokens, codes and session ids out of the real log output, whatever the encoding', async () => {
    const env = await createTestEnv();
    const api = await spawnService(MAINS.caseApi, env, { logLevel: 'info', keepChars: 2_000_000 });
    try {
      const http = request(`http://127.0.0.1:${api.port}`);
      const admin = await testUser('admin');
      const jwt = admin.token;
      const attempts = [
        `/admin/queues?%74oken=${jwt}`,
        `/admin/queues?TOKEN=${jwt}`,
        `/admin/queues?token[]=${jwt}&token=${jwt}`,
        `/admin/queues/api/queues?token=${jwt}`,
        `/v1/cases?%74oken=${jwt}`,
        `/v1/cases?TOKEN=${jwt}&limit=5`,
        `/v1/cases?token[]=${jwt}&token[]=${jwt}`,
        `/v1/cases?q=${jwt}`,
      ];
      for (const path of attempts) await http.get(path);
      const login = await http.post(SESSIONS).set(admin.auth).expect(201);
      const loginUrl = new URL(login.body.url);
      const code = loginUrl.searchParams.get('code')!;
      const opened = await http.get(loginUrl.pathname + loginUrl.search).expect(303);
      const sessionId = sessionCookie(opened.headers['set-cookie']).split(';')[0].split('=')[1];
      await http.get('/admin/queues/api/queues').set('Cookie', `arbiter_queue_dashboard=${sessionId}`).expect(200);

      // Every request above was logged (so the test can fail), and none of its secrets.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const requests = api
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { req?: { url?: string }; msg?: string })
        .filter((entry) => entry.msg === 'request completed');
      const loggedUrls = requests.map((entry) => entry.req!.url!);
      expect(loggedUrls).toHaveLength(attempts.length + 3);
      expect(loggedUrls).toContain('/admin/queues/login?[redacted]');
      expect(loggedUrls).toContain('/v1/cases?TOKEN=[redacted]&limit=5');
      const output = api.output();
      for (const secret of [jwt, jwt.split('.')[1], jwt.split('.')[2], code, sessionId]) expect(output).not.toContain(secret);
    } finally {
      await api.kill();
    }
  });
});
