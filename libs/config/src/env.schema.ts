import { z } from 'zod';
import { parseDuration } from '@app/domain';

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
  .object({ DATABASE_URL: postgresUrl.optional(), DATABASE_MIGRATION_URL: postgresUrl.optional() })
  .refine((env) => env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL, {
    path: ['DATABASE_MIGRATION_URL'],
    message: 'is required (or DATABASE_URL, when one user owns the tables and runs the apps)',
  });

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
    AUTH_JWKS_URL: url(['http', 'https']).optional(),

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

    EVIDENCE_SINGLE_PUT_MAX: bytes(16 * 1024 * 1024),
    EVIDENCE_UPLOAD_TTL: duration('P1D'),
    EVIDENCE_SWEEP_INTERVAL: duration('PT5M'),
    DEADLINE_SWEEP_INTERVAL: duration('PT30S'),

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
  });

export type Env = z.infer<typeof envSchema>;
