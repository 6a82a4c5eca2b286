import { startTestApp, TestApp } from '@app/testing';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';

describe('/health tells unauthenticated callers the raw error text of a dependency that is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: Redis is down, with a driver message naming the address.
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), { REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(() => t?.close());

  it('names the dependency that is down and nothing of its error (the raw text goes to the logs)', async () => {
    const res = await t.http.get('/health').expect(503);
    expect(res.body).toEqual({
      status: 'error',
      checks: { database: { status: 'up' }, redis: { status: 'down', error: 'unavailable' }, storage: { status: 'up' } },
    });
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:1\b/);
  });
});
