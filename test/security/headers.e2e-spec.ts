import { startTestApp, TestApp } from '@app/testing';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../../apps/evidence-service/src/evidence-service.module';

const APPS = [
  ['case API', (env: Record<string, string>) => startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), env)],
  ['evidence service', (env: Record<string, string>) => startTestApp((config, clock) => EvidenceServiceModule.forRoot(config, clock), env)],
] as const;

describe.each(APPS)('No security headers on the %s', (_, start) => {
  let direct: TestApp;
  let behindProxy: TestApp;

  beforeAll(async () => {
    direct = await start({});
    behindProxy = await start({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await direct?.close();
    await behindProxy?.close();
  });

  it('answers without X-Powered-By, with nosniff, no framing and a CSP, on API answers and refusals alike', async () => {
    for (const res of [await direct.http.get('/health'), await direct.http.get('/v1/cases/' + 'x'), await direct.http.get('/docs-json')]) {
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('sends HSTS only on requests that came over TLS: through a trusted proxy, never on a spoofed header', async () => {
    expect((await direct.http.get('/health')).headers['strict-transport-security']).toBeUndefined();
    expect((await direct.http.get('/health').set('X-Forwarded-Proto', 'https')).headers['strict-transport-security']).toBeUndefined();
    expect((await behindProxy.http.get('/health')).headers['strict-transport-security']).toBeUndefined();
    const tls = await behindProxy.http.get('/health').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('keeps the Swagger UI at /docs working under its CSP: every script is a same-origin file that loads', async () => {
    const page = await direct.http.get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    // script-src 'self' runs no inline script: each one must be a file.
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src=/);
      expect(body.trim()).toBe('');
    }
    const sources = scripts.map(([, attributes]) => /src=["']([^"']+)["']/.exec(attributes)![1]);
    expect(sources.some((src) => src.endsWith('swagger-ui-init.js'))).toBe(true);
    const styles = [...page.text.matchAll(/<link[^>]*rel=["']stylesheet["'][^>]*href=["']([^"']+)["']/g)].map((m) => m[1]);
    expect(styles.length).toBeGreaterThanOrEqual(1);
    const base = new URL('http://app.test/docs');
    for (const [src, type] of [...sources.map((s) => [s, /javascript/] as const), ...styles.map((s) => [s, /text\/css/] as const)]) {
      const url = new URL(src, base);
      expect(url.origin).toBe(base.origin);
      const asset = await direct.http.get(url.pathname).expect(200);
      // nosniff: a script or stylesheet served under another type would not run.
      expect(asset.headers['content-type']).toMatch(type);
    }
    const init = await direct.http.get(new URL(sources.find((s) => s.endsWith('swagger-ui-init.js'))!, base).pathname);
    // It carries the document itself, so the page needs no inline script and no other origin.
    expect(init.text).toContain('"openapi":');
  });
});
