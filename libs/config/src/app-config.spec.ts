import { loadConfig, loadMigrationConfig } from './app-config';
import { REPOSITORY_SECRETS } from './development-secrets';

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
    const jwks = { AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example/', AUTH_AUDIENCE: 'arbiter' };
    expect(loadConfig({ ...minimal, ...jwks }).auth).toMatchObject({ jwksUrl: 'https://idp.example/jwks', issuer: 'https://idp.example/', audience: 'arbiter' });
  });

  it('requires Redis only for the Redis queue backend', () => {
    expect(() => loadConfig({ ...minimal, REDIS_URL: undefined })).toThrow(/REDIS_URL/);
    expect(loadConfig({ ...minimal, REDIS_URL: undefined, QUEUE_BACKEND: 'postgres' }).queues.backend).toBe('postgres');
  });

  it('migrates with DATABASE_MIGRATION_URL (the owner), falling back to DATABASE_URL for a single-user setup', () => {
    expect(loadConfig(minimal).database).toMatchObject({ url: minimal.DATABASE_URL, migrationUrl: minimal.DATABASE_URL });
    const owner = 'postgres://arbiter_owner:secret@db:5432/arbiter';
    expect(loadConfig({ ...minimal, DATABASE_MIGRATION_URL: owner }).database).toMatchObject({ url: minimal.DATABASE_URL, migrationUrl: owner });
    expect(() => loadConfig({ ...minimal, DATABASE_MIGRATION_URL: 'mysql://db/arbiter' })).toThrow(/DATABASE_MIGRATION_URL: must start with postgres:\/\//);
  });

  it('the migration CLI needs a database URL and nothing else', () => {
    const owner = 'postgres://arbiter_owner:secret@db:5432/arbiter';
    expect(loadMigrationConfig({ DATABASE_MIGRATION_URL: owner })).toEqual({ migrationUrl: owner });
    expect(loadMigrationConfig({ DATABASE_URL: minimal.DATABASE_URL })).toEqual({ migrationUrl: minimal.DATABASE_URL });
    expect(() => loadMigrationConfig({})).toThrow(/DATABASE_MIGRATION_URL: is required/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...minimal, POLICY_APPEAL_WINDOW: '' }).policy.appealWindow).toBe('P10D');
  });

  it('requires issuer and audience with a JWKS URL, which must be https', () => {
    const jwks = () => loadConfig({ ...minimal, AUTH_JWKS_URL: 'http://idp.example/jwks' });
    expect(jwks).toThrow(/AUTH_JWKS_URL: must start with https:\/\//);
    expect(jwks).toThrow(/AUTH_ISSUER: is required with AUTH_JWKS_URL/);
    expect(jwks).toThrow(/AUTH_AUDIENCE: is required with AUTH_JWKS_URL/);
  });

  it('accepts tokens living up to AUTH_MAX_TOKEN_AGE, 24 hours by default', () => {
    expect(loadConfig(minimal).auth.maxTokenAgeSeconds).toBe(24 * 3600);
    expect(loadConfig({ ...minimal, AUTH_MAX_TOKEN_AGE: 'PT15M' }).auth.maxTokenAgeSeconds).toBe(900);
    expect(() => loadConfig({ ...minimal, AUTH_MAX_TOKEN_AGE: '1 day' })).toThrow(/AUTH_MAX_TOKEN_AGE/);
  });

  it('reads the service fee and the eligibility thresholds, DOMAIN.md\'s by default', () => {
    const config = loadConfig(minimal);
    expect(config.fees).toEqual({ serviceFeeBps: 0 });
    expect(config.eligibility).toEqual({ minOrders: 10, maxDisputeRate: 0.05, maxLostRate: 0.2, minResponseRate: 0.8, period: 'P6M' });
    const custom = loadConfig({
      ...minimal,
      POLICY_SERVICE_FEE_BPS: '250',
      POLICY_ELIGIBILITY_MIN_ORDERS: '3',
      POLICY_ELIGIBILITY_MAX_DISPUTE_RATE: '0.1',
      POLICY_ELIGIBILITY_MAX_LOST_RATE: '0.5',
      POLICY_ELIGIBILITY_MIN_RESPONSE_RATE: '0.9',
      POLICY_ELIGIBILITY_PERIOD: 'P1Y',
    });
    expect(custom.fees.serviceFeeBps).toBe(250);
    expect(custom.eligibility).toEqual({ minOrders: 3, maxDisputeRate: 0.1, maxLostRate: 0.5, minResponseRate: 0.9, period: 'P1Y' });
  });

  it('refuses a fee or thresholds out of range and a period that is not whole calendar months', () => {
    const refused = (variable: string, value: string) => () => loadConfig({ ...minimal, [variable]: value });
    expect(refused('POLICY_SERVICE_FEE_BPS', '2.5')).toThrow(/POLICY_SERVICE_FEE_BPS/);
    expect(refused('POLICY_SERVICE_FEE_BPS', '10001')).toThrow(/POLICY_SERVICE_FEE_BPS/);
    expect(refused('POLICY_SERVICE_FEE_BPS', '-1')).toThrow(/POLICY_SERVICE_FEE_BPS/);
    expect(refused('POLICY_ELIGIBILITY_MAX_DISPUTE_RATE', '5%')).toThrow(/POLICY_ELIGIBILITY_MAX_DISPUTE_RATE/);
    expect(refused('POLICY_ELIGIBILITY_MIN_RESPONSE_RATE', '1.5')).toThrow(/POLICY_ELIGIBILITY_MIN_RESPONSE_RATE/);
    expect(refused('POLICY_ELIGIBILITY_MIN_ORDERS', 'ten')).toThrow(/POLICY_ELIGIBILITY_MIN_ORDERS/);
    expect(refused('POLICY_ELIGIBILITY_PERIOD', 'P180D')).toThrow(/POLICY_ELIGIBILITY_PERIOD: must be whole calendar months/);
  });

  it('reads TRUST_PROXY as off, a hop count or the proxies\' addresses, never "trust everyone"', () => {
    const trust = (value?: string) => loadConfig({ ...minimal, TRUST_PROXY: value }).http.trustProxy;
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
    for (const refused of ['true', 'yes', '10.0.0.0/33', 'proxy.example', '1,2']) expect(() => trust(refused)).toThrow(/TRUST_PROXY/);
  });
});

describe('loadConfig with NODE_ENV=production', () => {
  const strong = {
    ...minimal,
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://arbiter:${'d'.repeat(40)}@db.internal:5432/arbiter`,
    REDIS_URL: `rediss://:${'r'.repeat(40)}@redis.internal:6380/0`,
    S3_SECRET_ACCESS_KEY: 's'.repeat(40),
    AUTH_JWT_SECRET: 'j'.repeat(40),
  };

  it('boots with secrets of its own, and with connection URLs that carry no password', () => {
    expect(loadConfig(strong).env).toBe('production');
    expect(loadConfig({ ...strong, DATABASE_URL: 'postgres://arbiter@db.internal/arbiter', REDIS_URL: 'redis://redis.internal:6379/0' }).env).toBe('production');
  });

  it.each(REPOSITORY_SECRETS)('refuses the repository secret %s in every secret variable, naming it, never repeating it', (secret) => {
    const attempt = () =>
      loadConfig({
        ...strong,
        AUTH_JWT_SECRET: secret,
        S3_SECRET_ACCESS_KEY: secret,
        DATABASE_URL: `postgres://arbiter:${secret}@db.internal:5432/arbiter`,
        REDIS_URL: `redis://:${encodeURIComponent(secret)}@redis.internal:6379/0`,
      });
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const variable of ['AUTH_JWT_SECRET', 'S3_SECRET_ACCESS_KEY', 'DATABASE_URL', 'REDIS_URL']) {
      expect(message).toMatch(new RegExp(`${variable}: .*appears in the repository`));
    }
    expect(message).not.toContain(secret);
  });

  it('refuses secrets shorter than 32 characters, s3rver\'s S3RVER among them', () => {
    const attempt = () => loadConfig({ ...strong, S3_SECRET_ACCESS_KEY: 'S3RVER', DATABASE_URL: 'postgres://u:short@db/x', REDIS_URL: 'redis://db?password=short' });
    expect(attempt).toThrow(/S3_SECRET_ACCESS_KEY: is shorter than 32 characters/);
    expect(attempt).toThrow(/DATABASE_URL: its password is shorter than 32 characters/);
    expect(attempt).toThrow(/REDIS_URL: its password is shorter than 32 characters/);
  });

  it('leaves development and tests alone', () => {
    expect(loadConfig({ ...strong, NODE_ENV: 'development', S3_SECRET_ACCESS_KEY: 'S3RVER', AUTH_JWT_SECRET: REPOSITORY_SECRETS[0] }).env).toBe('development');
  });
});
