// The browser tests' system, described once: the Playwright config starts it (scripts/console-test-stack.ts)
// and the tests reach it (API set-up, the database for what no API can do quickly). Plain Node, no Nest.
import { type ConsoleTestSettings, consoleTestSettings } from '../../../../libs/config/src/console-test-settings';

/** The repository's test secret: development identities are listed for it (never in production). */
export const STACK_JWT_SECRET = 'test-only-secret-not-used-anywhere-else-0123456789';

/** The OpenID Connect stack's audience (AUTH_AUDIENCE) and the console's client id at its identity provider. */
export const OIDC_AUDIENCE = 'https://arbiter.example.test/api';
export const OIDC_CLIENT_ID = 'arbiter-console';

export function consoleTestEnv(settings: ConsoleTestSettings = consoleTestSettings()) {
  const { run, port, adminDatabaseUrl, redisUrl, oidcIssuer } = settings;
  const database = `arbiter_console_${run}`;
  const consoleUrl = `http://localhost:${port}`;
  const evidenceUrl = `http://localhost:${port + 1}`;
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: adminDatabaseUrl.replace(/\/[^/]*$/, `/${database}`),
    DATABASE_POOL_SIZE: '10',
    MIGRATIONS_RUN: 'true',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `{arbiter-console-${run}}`,
    S3_BUCKET: `arbiter-console-${run}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    // Tokens from the identity provider (RS256 via its JWKS), as in production; or the repository's test secret.
    ...(oidcIssuer
      ? { AUTH_JWKS_URL: `${oidcIssuer}/jwks`, AUTH_ISSUER: oidcIssuer, AUTH_AUDIENCE: OIDC_AUDIENCE, CONSOLE_OIDC_CLIENT_ID: OIDC_CLIENT_ID }
      : { AUTH_JWT_SECRET: STACK_JWT_SECRET }),
    CASE_API_PORT: String(port),
    EVIDENCE_API_PORT: String(port + 1),
    WORKER_PORT: String(port + 2),
    CONSOLE_PUBLIC_URL: consoleUrl,
    CONSOLE_ORIGINS: consoleUrl,
    EVIDENCE_PUBLIC_URL: evidenceUrl,
    RATE_LIMIT_PER_MINUTE: '0',
    // Seconds, not days, so a journey passes its windows while it runs.
    POLICY_ESCALATION_ALLOWED_AFTER: 'PT3S',
    // Taken cases' evidence windows close at once, so an evidence request is what lets a party add more.
    POLICY_EVIDENCE_WINDOW: 'PT5S',
    // Besides the usual 24 and 2 hours: a reminder 15 s after a 3-day deadline is set (the supplier's response),
    // so one arrives while a journey runs.
    POLICY_REMINDER_LEAD_TIMES: 'PT71H59M45S,PT24H,PT2H',
    DEADLINE_SWEEP_INTERVAL: 'PT1S',
    PAYMENT_SANDBOX_SETTLE_AFTER: 'PT1S',
    // The admin's webhook goes to a made-up address that resolves nowhere here.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  };
  return { run, database, adminDatabaseUrl, consoleUrl, evidenceUrl, env };
}
