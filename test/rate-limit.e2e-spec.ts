import { startTestApp, TestApp, testUser } from '@app/testing';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

describe('Rate limit (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), { RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

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

  it('never limits health checks', async () => {
    for (let i = 0; i < 8; i++) await t.http.get('/health').expect(200);
  });
});
