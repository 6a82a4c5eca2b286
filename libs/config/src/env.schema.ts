import { isIP } from 'node:net';
import { z } from 'zod';
import { parseCalendarPeriod, parseDuration } from '@app/domain';
import { passwordOf, productionSecretProblem } from './development-secrets';

const isValidDuration = (iso: string): boolean => {
  try {
    parseDuration(iso);
    return true;
  } catch {
    return false;
  }
};

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(isValidDuration, { message: 'must be an ISO 8601 duration such as P3D, PT2H or PT5S' });

/** Whole calendar months or years (`P6M`): the eligibility period is calendar months back from now. */
const calendarPeriod = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (iso) => {
        try {
          parseCalendarPeriod(iso);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be whole calendar months or years such as P6M, P1Y or P1Y6M' },
    );

const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const fraction = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');
const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const postgresUrl = url(['postgres', 'postgresql']);

/**
 * What `npm run db:migrate` (the compose `migrate` job) reads, and nothing else, so a migration job holds no other
 * secret: the owner's DATABASE_MIGRATION_URL, or DATABASE_URL in a single-user setup.
 */
export const migrationEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_MIGRATION_URL: postgresUrl.optional(),
  })
  .superRefine((env, ctx) => {
    if (!(env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_MIGRATION_URL'],
        message: 'is required (or DATABASE_URL, when one user owns the tables and runs the apps)',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const variable of ['DATABASE_MIGRATION_URL', 'DATABASE_URL'] as const) {
      const password = env[variable] && passwordOf(env[variable]);
      const problem = password && productionSecretProblem(password);
      if (problem) ctx.addIssue({ code: 'custom', path: [variable], message: `its password ${problem}` });
    }
  });

/**
 * Express's `trust proxy`: off, the number of proxies in front, or their addresses (IP, CIDR, or Express's
 * `loopback`, `linklocal`, `uniquelocal`). Not `true`: that would believe any client's X-Forwarded-* headers.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((value, ctx): false | number | string[] => {
    if (value === 'false' || value === '0') return false;
    if (/^[1-9]\d{0,1}$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: 'custom',
      message: 'must be false, the number of proxies in front (1 to 99), or their addresses (IP, CIDR, loopback, linklocal, uniquelocal), comma-separated',
    });
    return z.NEVER;
  });

function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** The variables that hold a secret, and how to find the secret in each (API.md: NODE_ENV). */
const SECRET_VARIABLES: ReadonlyArray<{
  variable: 'AUTH_JWT_SECRET' | 'S3_SECRET_ACCESS_KEY' | 'DATABASE_URL' | 'DATABASE_MIGRATION_URL' | 'REDIS_URL';
  inUrl: boolean;
}> = [
  { variable: 'AUTH_JWT_SECRET', inUrl: false },
  { variable: 'S3_SECRET_ACCESS_KEY', inUrl: false },
  { variable: 'DATABASE_URL', inUrl: true },
  { variable: 'DATABASE_MIGRATION_URL', inUrl: true },
  { variable: 'REDIS_URL', inUrl: true },
];

/** Every environment variable the processes read, with its default where one is safe. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CASE_API_PORT: port(3000),
    EVIDENCE_API_PORT: port(3001),
    WORKER_PORT: port(3002),

    // The apps' login (a member of the arbiter_app role); migrations run as the tables' owner, by default the same user.
    DATABASE_URL: postgresUrl,
    DATABASE_MIGRATION_URL: postgresUrl.optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    MIGRATIONS_RUN: bool(true),

    QUEUE_BACKEND: z.enum(['redis', 'postgres']).default('redis'),
    REDIS_URL: url(['redis', 'rediss']).optional(),
    QUEUE_PREFIX: z.string().min(1).default('{arbiter}'),

    S3_ENDPOINT: url(['http', 'https']),
    S3_PUBLIC_ENDPOINT: url(['http', 'https']).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'must be a valid S3 bucket name').default('arbiter-evidence'),
    S3_ACCESS_KEY_ID: z.string().min(1),
    S3_SECRET_ACCESS_KEY: z.string().min(1),
    S3_FORCE_PATH_STYLE: bool(true),

    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_JWKS_URL: url(['https']).optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    // Longest accepted token lifetime: exp - iat, or exp - now for a token without iat.
    AUTH_MAX_TOKEN_AGE: duration('PT24H'),

    // Express `trust proxy`: with it, req.secure and req.ip honour X-Forwarded-Proto and X-Forwarded-For.
    TRUST_PROXY: trustProxy,

    POLICY_SUPPLIER_RESPONSE: duration('P3D'),
    POLICY_NEGOTIATION_WINDOW: duration('P7D'),
    POLICY_ESCALATION_ALLOWED_AFTER: duration('P3D'),
    POLICY_PICKUP_SLA: duration('P2D'),
    POLICY_EVIDENCE_WINDOW: duration('P3D'),
    POLICY_DECISION_SLA: duration('P2D'),
    POLICY_APPEAL_WINDOW: duration('P10D'),
    POLICY_CLAIM_WINDOW_AFTER_RECEIPT: duration('P30D'),
    POLICY_NOT_RECEIVED_AFTER_SHIP: duration('P30D'),
    POLICY_AUTO_CONFIRM_AFTER_DELIVERY: duration('P30D'),
    POLICY_LATE_EVENT_TOLERANCE: duration('PT1H'),
    // Basis points of every release to the supplier that go to platform_fees (DOMAIN.md "Money: the ledger").
    POLICY_SERVICE_FEE_BPS: int(0, 0, 10_000),
    // Trade Assurance eligibility (DOMAIN.md "Supplier standing").
    POLICY_ELIGIBILITY_MIN_ORDERS: int(10, 0, 1_000_000),
    POLICY_ELIGIBILITY_MAX_DISPUTE_RATE: fraction(0.05),
    POLICY_ELIGIBILITY_MAX_LOST_RATE: fraction(0.2),
    POLICY_ELIGIBILITY_MIN_RESPONSE_RATE: fraction(0.8),
    POLICY_ELIGIBILITY_PERIOD: calendarPeriod('P6M'),

    EVIDENCE_SINGLE_PUT_MAX: bytes(16 * 1024 * 1024),
    EVIDENCE_UPLOAD_TTL: duration('P1D'),
    // Each presigned upload URL's own lifetime (never beyond the session's); resuming hands out fresh ones.
    EVIDENCE_UPLOAD_URL_TTL: duration('PT15M'),
    EVIDENCE_SWEEP_INTERVAL: duration('PT5M'),
    DEADLINE_SWEEP_INTERVAL: duration('PT30S'),

    // Webhook targets must resolve to public addresses unless this is set (local receivers: npm start, tests).
    WEBHOOK_ALLOW_PRIVATE_TARGETS: bool(false),

    // Requests per caller per minute on each HTTP app; 0 turns the limit off.
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    PAYMENT_GATEWAY: z.enum(['sandbox']).default('sandbox'),
    PAYMENT_SANDBOX_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
    // Sandbox fault switches: a failed call happens before the gateway records the refund, after it, or either at random.
    PAYMENT_SANDBOX_FAIL_MODE: z.enum(['before_record', 'after_record', 'either']).default('either'),
    PAYMENT_SANDBOX_LATENCY: duration('PT0S'),
    PAYMENT_SANDBOX_SETTLE_AFTER: duration('PT1S'),
    // The share of accepted sandbox refunds that settle as failed (the gateway reports a sent payout failed).
    PAYMENT_SANDBOX_SETTLE_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  })
  .superRefine((env, ctx) => {
    if (!env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_JWT_SECRET'], message: 'is required unless AUTH_JWKS_URL is set' });
    }
    if (env.QUEUE_BACKEND === 'redis' && !env.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when QUEUE_BACKEND is redis' });
    }
    // An identity provider's keys sign tokens for many services: only its issuer and our audience make one ours.
    for (const variable of ['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const) {
      if (env.AUTH_JWKS_URL && !env[variable]) {
        ctx.addIssue({ code: 'custom', path: [variable], message: 'is required with AUTH_JWKS_URL' });
      }
    }
    if (env.NODE_ENV === 'production') {
      for (const { variable, inUrl } of SECRET_VARIABLES) {
        const value = env[variable];
        const secret = value && inUrl ? passwordOf(value) : value;
        const problem = secret && productionSecretProblem(secret);
        if (problem) ctx.addIssue({ code: 'custom', path: [variable], message: inUrl ? `its password ${problem}` : problem });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;
