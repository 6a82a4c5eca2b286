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

  it('has every number of DOMAIN.md "Policy" as a default, each with its own variable', () => {
    const { policy, fees, eligibility, mail, console: consoleConfig } = loadConfig(minimal);
    expect(policy).toMatchObject({
      evidenceRequestWindow: 'P2D',
      reminderLeadTimes: ['PT24H', 'PT2H'],
      evidenceLimits: { maxBytes: { image: 26214400, video: 2147483648, document: 26214400 }, maxItemsPerParty: 50 },
      refundArrivalDays: { credit_card: 10, tt: 7, e_checking: 3, boleto: 7, pay_later: 15 },
    });
    expect(fees).toEqual({ serviceFeeBps: 0 });
    expect(eligibility).toEqual({ minOrders: 10, maxDisputeRate: 0.05, maxLostRate: 0.2, minResponseRate: 0.8, period: 'P6M' });
    expect(mail).toEqual({ smtpUrl: undefined, from: 'Arbiter <no-reply@localhost>', timeoutMs: 30_000 });
    expect(consoleConfig).toMatchObject({ publicUrl: 'http://localhost:3000' });

    const custom = loadConfig({
      ...minimal,
      POLICY_EVIDENCE_REQUEST_WINDOW: 'PT5S',
      POLICY_REMINDER_LEAD_TIMES: 'PT2H, P1D,PT30M',
      POLICY_EVIDENCE_MAX_IMAGE_BYTES: '1048576',
      POLICY_EVIDENCE_MAX_VIDEO_BYTES: '2097152',
      POLICY_EVIDENCE_MAX_DOCUMENT_BYTES: '3145728',
      POLICY_EVIDENCE_MAX_ITEMS_PER_PARTY: '3',
      POLICY_REFUND_ARRIVAL_DAYS_CREDIT_CARD: '1',
      POLICY_REFUND_ARRIVAL_DAYS_TT: '2',
      POLICY_REFUND_ARRIVAL_DAYS_E_CHECKING: '0',
      POLICY_REFUND_ARRIVAL_DAYS_BOLETO: '4',
      POLICY_REFUND_ARRIVAL_DAYS_PAY_LATER: '30',
      POLICY_SERVICE_FEE_BPS: '250',
      POLICY_ELIGIBILITY_MIN_ORDERS: '3',
      POLICY_ELIGIBILITY_MAX_DISPUTE_RATE: '0.1',
      POLICY_ELIGIBILITY_MAX_LOST_RATE: '0.5',
      POLICY_ELIGIBILITY_MIN_RESPONSE_RATE: '0.9',
      POLICY_ELIGIBILITY_PERIOD: 'P1Y',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'Trade Assurance <reminders@example.com>',
      SMTP_TIMEOUT: 'PT5S',
      CONSOLE_PUBLIC_URL: 'https://arbiter.example.com/',
    });
    expect(custom.policy).toMatchObject({
      evidenceRequestWindow: 'PT5S',
      reminderLeadTimes: ['P1D', 'PT2H', 'PT30M'],
      evidenceLimits: { maxBytes: { image: 1048576, video: 2097152, document: 3145728 }, maxItemsPerParty: 3 },
      refundArrivalDays: { credit_card: 1, tt: 2, e_checking: 0, boleto: 4, pay_later: 30 },
    });
    expect(custom.fees.serviceFeeBps).toBe(250);
    expect(custom.eligibility).toEqual({ minOrders: 3, maxDisputeRate: 0.1, maxLostRate: 0.5, minResponseRate: 0.9, period: 'P1Y' });
    expect(custom.mail).toEqual({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'Trade Assurance <reminders@example.com>', timeoutMs: 5000 });
    expect(custom.console.publicUrl).toBe('https://arbiter.example.com');
  });

  it.each([
    ['POLICY_EVIDENCE_REQUEST_WINDOW', 'PT0S', /longer than zero and at most P30D/],
    ['POLICY_EVIDENCE_REQUEST_WINDOW', 'P31D', /longer than zero and at most P30D/],
    ['POLICY_REMINDER_LEAD_TIMES', 'PT24H,1 hour', /POLICY_REMINDER_LEAD_TIMES: must be a comma-separated list/],
    ['POLICY_REMINDER_LEAD_TIMES', 'PT2H,PT120M', /listed twice/],
    ['POLICY_REMINDER_LEAD_TIMES', 'PT0S', /longer than zero/],
    ['POLICY_EVIDENCE_MAX_IMAGE_BYTES', '0', /POLICY_EVIDENCE_MAX_IMAGE_BYTES/],
    ['POLICY_EVIDENCE_MAX_ITEMS_PER_PARTY', '2.5', /POLICY_EVIDENCE_MAX_ITEMS_PER_PARTY/],
    ['POLICY_REFUND_ARRIVAL_DAYS_TT', '-1', /POLICY_REFUND_ARRIVAL_DAYS_TT/],
    ['POLICY_SERVICE_FEE_BPS', '10001', /POLICY_SERVICE_FEE_BPS/],
    ['POLICY_ELIGIBILITY_MAX_DISPUTE_RATE', '5', /POLICY_ELIGIBILITY_MAX_DISPUTE_RATE/],
    ['POLICY_ELIGIBILITY_PERIOD', 'P180D', /POLICY_ELIGIBILITY_PERIOD: must be whole calendar months/],
    ['SMTP_URL', 'http://mail.example.com', /SMTP_URL: must start with smtp:\/\/ or smtps:\/\//],
    ['MAIL_FROM', 'nobody', /MAIL_FROM: must be an e-mail address/],
    ['MAIL_FROM', 'A <a@b.example>\r\nBcc: x@y.example', /MAIL_FROM/],
    ['CONSOLE_PUBLIC_URL', 'localhost:3000', /CONSOLE_PUBLIC_URL/],
  ])('refuses %s=%j, naming it', (variable, value, message) => {
    expect(() => loadConfig({ ...minimal, [variable]: value })).toThrow(message);
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

describe('loadConfig: the web console', () => {
  it('defaults to the services\' own loopback addresses, the console\'s origin allowed', () => {
    const { console: settings } = loadConfig({ ...minimal, CASE_API_PORT: '4000', EVIDENCE_API_PORT: '4001' });
    expect(settings).toMatchObject({ publicUrl: 'http://localhost:4000', origins: ['http://localhost:4000'], evidencePublicUrl: 'http://localhost:4001' });
    expect(settings.oidc).toBeUndefined();
  });

  it('takes the public addresses and the origins given, and refuses what is not an origin', () => {
    const settings = loadConfig({
      ...minimal,
      CONSOLE_PUBLIC_URL: 'https://disputes.example.com/',
      CONSOLE_ORIGINS: 'https://disputes.example.com, http://localhost:5173',
      EVIDENCE_PUBLIC_URL: 'https://evidence.example.com',
    }).console;
    expect(settings).toMatchObject({
      publicUrl: 'https://disputes.example.com',
      origins: ['https://disputes.example.com', 'http://localhost:5173'],
      evidencePublicUrl: 'https://evidence.example.com',
    });
    expect(() => loadConfig({ ...minimal, CONSOLE_ORIGINS: 'https://disputes.example.com/console' })).toThrow(/CONSOLE_ORIGINS: .*not an origin: https:\/\/disputes.example.com\/console/);
  });

  it('lists development identities only outside production and only with a secret of this repository', () => {
    const identities = (env: Record<string, string>) => loadConfig({ ...minimal, ...env }).console.developmentIdentities;
    expect(identities({ AUTH_JWT_SECRET: REPOSITORY_SECRETS[0] })).toBe(true);
    expect(identities({ AUTH_JWT_SECRET: REPOSITORY_SECRETS[0], NODE_ENV: 'test' })).toBe(true);
    expect(identities({ AUTH_JWT_SECRET: 'a-secret-of-our-own-that-nobody-else-knows-000' })).toBe(false);
  });

  it('signs in through the identity provider of AUTH_JWKS_URL once a client id is configured', () => {
    const jwks = { AUTH_JWT_SECRET: undefined, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example/', AUTH_AUDIENCE: 'arbiter' };
    expect(loadConfig({ ...minimal, ...jwks }).console.oidc).toBeUndefined();
    expect(loadConfig({ ...minimal, ...jwks, CONSOLE_OIDC_CLIENT_ID: 'arbiter-console' }).console).toMatchObject({
      developmentIdentities: false,
      oidc: { authority: 'https://idp.example/', clientId: 'arbiter-console', scope: 'openid profile' },
    });
  });
});
