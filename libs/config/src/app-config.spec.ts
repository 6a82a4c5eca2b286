import { loadConfig, loadMigrationConfig } from './app-config';

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
});
