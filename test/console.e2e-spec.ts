import { DEVELOPMENT_IDENTITIES } from '@app/auth';
import { StorageService } from '@app/storage';
import { GetBucketCorsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startTestApp, TestApp } from '@app/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';

const startCaseApi = (env: Record<string, string> = {}) => startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), env);

/** A stand-in for Vite's output: index.html and one hashed asset. */
function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arbiter-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Arbiter</title><script type="module" src="/console/assets/index-abc123.js"></script>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("console");');
  return dir;
}

describe('The web console on the case API (e2e)', () => {
  let dir: string;
  let api: TestApp;

  beforeAll(async () => {
    dir = builtConsole();
    api = await startCaseApi({ CONSOLE_DIST_DIR: dir, EVIDENCE_PUBLIC_URL: 'http://evidence.test:3001', S3_PUBLIC_ENDPOINT: 'http://storage.test:9000' });
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leads from / to /console/', async () => {
    const res = await api.http.get('/').expect(302);
    expect(res.headers.location).toBe('/console/');
  });

  it('answers every page path with index.html, under a policy naming the evidence service and storage', async () => {
    for (const path of ['/console/', '/console', '/console/cases/6f1c2d3e-0000-4000-8000-000000000000', '/console/sign-in']) {
      const res = await api.http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<title>Arbiter</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toMatch(/connect-src 'self' http:\/\/evidence\.test:3001 http:\/\/storage\.test:9000/);
      expect(csp).toMatch(/img-src 'self' data: blob: http:\/\/storage\.test:9000/);
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets for good, and a missing asset as 404, never as the page', async () => {
    const asset = await api.http.get('/console/assets/index-abc123.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await api.http.get('/console/assets/index-gone.js').expect(404);
  });

  it('tells the console where the evidence service is, and that a development machine lists identities', async () => {
    const res = await api.http.get('/console/config.json').expect(200);
    expect(res.body).toEqual({ evidenceUrl: 'http://evidence.test:3001', developmentIdentities: true, oidc: null });
  });

  it('hands out development identities whose tokens the API accepts, each acting as its own role', async () => {
    const res = await api.http.get('/console/development-identities').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.data.map((i: { role: string; userId: string }) => [i.role, i.userId])).toEqual(DEVELOPMENT_IDENTITIES.map((i) => [i.role, i.userId]));
    const buyer = res.body.data.find((i: { role: string }) => i.role === 'buyer');
    await api.http.get('/v1/cases').set('Authorization', `Bearer ${buyer.token}`).expect(200);
    await api.http.get('/v1/queue').set('Authorization', `Bearer ${buyer.token}`).expect(403);
  });

  it('lists no identities when tokens are signed with a secret of our own', async () => {
    const own = await startCaseApi({ CONSOLE_DIST_DIR: dir, AUTH_JWT_SECRET: 'a-secret-nobody-else-has-0123456789abcdef' });
    try {
      expect((await own.http.get('/console/config.json').expect(200)).body.developmentIdentities).toBe(false);
      const refused = await own.http.get('/console/development-identities').expect(404);
      expect(refused.body.code).toBe('not_found');
    } finally {
      await own.close();
    }
  });

  it('says how to build the console when it has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'arbiter-console-empty-'));
    const unbuilt = await startCaseApi({ CONSOLE_DIST_DIR: empty });
    try {
      const res = await unbuilt.http.get('/console/').expect(503);
      expect(res.text).toContain('npm run build:console');
    } finally {
      await unbuilt.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('CORS for the console on the evidence service and the bucket (e2e)', () => {
  const CONSOLE = 'http://console.test:3000';
  let evidence: TestApp;

  beforeAll(async () => {
    evidence = await startTestApp((config, clock) => EvidenceServiceModule.forRoot(config, clock), { CONSOLE_ORIGINS: CONSOLE });
  });
  afterAll(() => evidence?.close());

  it('answers the console\'s preflight without a token, allowing its headers', async () => {
    const res = await evidence.http
      .options('/v1/cases/6f1c2d3e-0000-4000-8000-000000000000/evidence')
      .set('Origin', CONSOLE)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type, idempotency-key')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization, Content-Type, Idempotency-Key/);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it('lets the console read answers and refusals, and nobody else', async () => {
    const refused = await evidence.http.get('/v1/evidence/6f1c2d3e-0000-4000-8000-000000000000').set('Origin', CONSOLE).expect(401);
    expect(refused.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(refused.headers['access-control-expose-headers']).toContain('Idempotent-Replayed');
    const stranger = await evidence.http.get('/v1/evidence/6f1c2d3e-0000-4000-8000-000000000000').set('Origin', 'https://evil.example').expect(401);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await evidence.http.options('/v1/evidence/x').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("sets the bucket's CORS rule at boot: PUT from the console with its ETag readable, GET from the console alone", async () => {
    const storage = evidence.app.get(StorageService);
    const { CORSRules } = await storage.s3.send(new GetBucketCorsCommand({ Bucket: storage.bucket }));
    expect(CORSRules).toEqual([
      expect.objectContaining({ AllowedOrigins: [CONSOLE], AllowedMethods: ['PUT'], ExposeHeaders: ['ETag'] }),
      expect.objectContaining({ AllowedOrigins: [CONSOLE], AllowedMethods: ['GET'] }),
    ]);
    const { endpoint } = evidence.config.storage;
    const preflight = await fetch(`${endpoint}/${storage.bucket}/cases/x/evidence/y`, {
      method: 'OPTIONS',
      headers: { Origin: CONSOLE, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');

    // The console reads a chat log or saves a file with a plain GET of an inline link; no other page may read them.
    const key = 'cases/x/evidence/chat-log';
    await storage.s3.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: 'buyer: the crates are split', ContentType: 'text/plain' }));
    const read = (origin: string) => fetch(`${endpoint}/${storage.bucket}/${key}`, { headers: { Origin: origin } });
    const fromConsole = await read(CONSOLE);
    expect(fromConsole.status).toBe(200);
    expect(fromConsole.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    for (const origin of ['https://evil.example', 'null']) expect((await read(origin)).headers.get('access-control-allow-origin')).toBeNull();
    const foreignPreflight = await fetch(`${endpoint}/${storage.bucket}/${key}`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
