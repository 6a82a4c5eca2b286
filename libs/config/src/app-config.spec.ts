import { loadConfig } from './app-config';

const minimal = {
  DATABASE_URL: 'postgres://root@127.0.0.1:5432/test',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  S3_ENDPOINT: 'http://127.0.0.1:4569',
  S3_ACCESS_KEY_ID: 'local',
  S3_SECRET_ACCESS_KEY: 'local-secret',
  AUTH_JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('applies the defaults of API.md and DOMAIN.md', () => {
    const config = loadConfig(minimal);
    expect(config.ports).toEqual({ caseApi: 3000, evidence: 3001, worker: 3002 });
    expect(config.policy.supplierResponse).toBe('P3D');
    expect(config.policy.appealWindow).toBe('P10D');
    expect(config.evidence.singlePutMax).toBe(16 * 1024 * 1024);
    expect(config.evidence).toMatchObject({ uploadTtl: 'P1D', uploadUrlTtl: 'PT15M' });
    expect(config.policy.lateEventTolerance).toBe('PT1H');
    expect(config.webhooks.allowPrivateTargets).toBe(false);
    expect(config.storage.publicEndpoint).toBe(minimal.S3_ENDPOINT);
    expect(config.payments.gateway).toBe('sandbox');
  });

  it('names every missing or malformed variable', () => {
    const problems = () => loadConfig({ ...minimal, DATABASE_URL: undefined, POLICY_PICKUP_SLA: '2 days', CASE_API_PORT: '70000' });
    expect(problems).toThrow(/DATABASE_URL/);
    expect(problems).toThrow(/POLICY_PICKUP_SLA: must be an ISO 8601 duration/);
    expect(problems).toThrow(/CASE_API_PORT/);
  });

  it('requires a JWT secret unless a JWKS URL is given', () => {
    expect(() => loadConfig({ ...minimal, AUTH_JWT_SECRET: undefined })).toThrow(/AUTH_JWT_SECRET/);
    expect(loadConfig({ ...minimal, AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'https://idp.example/jwks' }).auth.jwksUrl).toBe(
      'https://idp.example/jwks',
    );
  });

  it('requires Redis only for the Redis queue backend', () => {
    expect(() => loadConfig({ ...minimal, REDIS_URL: undefined })).toThrow(/REDIS_URL/);
    expect(loadConfig({ ...minimal, REDIS_URL: undefined, QUEUE_BACKEND: 'postgres' }).queues.backend).toBe('postgres');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...minimal, POLICY_APPEAL_WINDOW: '' }).policy.appealWindow).toBe('P10D');
  });
});
