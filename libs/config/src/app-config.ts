import { parseDuration, type Policy } from '@app/domain';
import { z } from 'zod';
import { Env, envSchema, migrationEnvSchema } from './env.schema';

/** The policy durations (ISO 8601), in the shape of the domain's Policy. */
export type PolicyDurations = Policy;

/** Trade Assurance eligibility thresholds (DOMAIN.md "Supplier standing"); rates are fractions from 0 to 1. */
export interface EligibilityPolicy {
  minOrders: number;
  maxDisputeRate: number;
  maxLostRate: number;
  minResponseRate: number;
  /** Calendar months back from now (`P6M`). */
  period: string;
}

export interface AppConfig {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  ports: { caseApi: number; evidence: number; worker: number };
  /** `url` is the apps' login; `migrationUrl` the owner's, which applies migrations (DATABASE_URL unless set). */
  database: { url: string; migrationUrl: string; poolSize: number; migrateAtBoot: boolean };
  queues: { backend: 'redis' | 'postgres'; redisUrl?: string; prefix: string; deadlineSweepInterval: string };
  storage: {
    endpoint: string;
    publicEndpoint: string;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
    forcePathStyle: boolean;
  };
  auth: {
    jwtSecret?: string;
    jwksUrl?: string;
    /** When set, a token's `iss` / `aud` must match. */
    issuer?: string;
    audience?: string;
    /** Longest accepted lifetime: exp - iat, or exp - now for a token without iat. */
    maxTokenAgeSeconds: number;
  };
  policy: PolicyDurations;
  /** Basis points of every release to a supplier that go to the platform (DOMAIN.md "Money: the ledger"). */
  fees: { serviceFeeBps: number };
  eligibility: EligibilityPolicy;
  /** `uploadTtl`: how long an upload session lasts; `uploadUrlTtl`: how long each presigned URL of it does. */
  evidence: { singlePutMax: number; uploadTtl: string; uploadUrlTtl: string; sweepInterval: string };
  http: {
    rateLimitPerMinute: number;
    /** Express `trust proxy`: off, a hop count, or the proxies' addresses. */
    trustProxy: false | number | string[];
  };
  /** `allowPrivateTargets`: whether webhook URLs may reach loopback, private and other non-public addresses. */
  webhooks: { allowPrivateTargets: boolean };
  payments: {
    gateway: 'sandbox';
    sandboxFailureRate: number;
    sandboxFailMode: Env['PAYMENT_SANDBOX_FAIL_MODE'];
    /** ISO 8601 durations: how long each sandbox call takes, and how long after acceptance a refund settles. */
    sandboxLatency: string;
    sandboxSettleAfter: string;
    sandboxSettleFailureRate: number;
  };
}

export class ConfigError extends Error {}

/** Validates the environment once; every problem is listed by variable name. */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const e = parseEnv(envSchema, source);
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    ports: { caseApi: e.CASE_API_PORT, evidence: e.EVIDENCE_API_PORT, worker: e.WORKER_PORT },
    database: {
      url: e.DATABASE_URL,
      migrationUrl: e.DATABASE_MIGRATION_URL ?? e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      migrateAtBoot: e.MIGRATIONS_RUN,
    },
    queues: {
      backend: e.QUEUE_BACKEND,
      redisUrl: e.REDIS_URL,
      prefix: e.QUEUE_PREFIX,
      deadlineSweepInterval: e.DEADLINE_SWEEP_INTERVAL,
    },
    storage: {
      endpoint: e.S3_ENDPOINT,
      publicEndpoint: e.S3_PUBLIC_ENDPOINT ?? e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    },
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      maxTokenAgeSeconds: parseDuration(e.AUTH_MAX_TOKEN_AGE) / 1000,
    },
    policy: {
      supplierResponse: e.POLICY_SUPPLIER_RESPONSE,
      negotiationWindow: e.POLICY_NEGOTIATION_WINDOW,
      escalationAllowedAfter: e.POLICY_ESCALATION_ALLOWED_AFTER,
      pickupSla: e.POLICY_PICKUP_SLA,
      evidenceWindow: e.POLICY_EVIDENCE_WINDOW,
      decisionSla: e.POLICY_DECISION_SLA,
      appealWindow: e.POLICY_APPEAL_WINDOW,
      claimWindowAfterReceipt: e.POLICY_CLAIM_WINDOW_AFTER_RECEIPT,
      notReceivedAfterShip: e.POLICY_NOT_RECEIVED_AFTER_SHIP,
      autoConfirmAfterDelivery: e.POLICY_AUTO_CONFIRM_AFTER_DELIVERY,
      lateEventTolerance: e.POLICY_LATE_EVENT_TOLERANCE,
    },
    fees: { serviceFeeBps: e.POLICY_SERVICE_FEE_BPS },
    eligibility: {
      minOrders: e.POLICY_ELIGIBILITY_MIN_ORDERS,
      maxDisputeRate: e.POLICY_ELIGIBILITY_MAX_DISPUTE_RATE,
      maxLostRate: e.POLICY_ELIGIBILITY_MAX_LOST_RATE,
      minResponseRate: e.POLICY_ELIGIBILITY_MIN_RESPONSE_RATE,
      period: e.POLICY_ELIGIBILITY_PERIOD,
    },
    evidence: {
      singlePutMax: e.EVIDENCE_SINGLE_PUT_MAX,
      uploadTtl: e.EVIDENCE_UPLOAD_TTL,
      uploadUrlTtl: e.EVIDENCE_UPLOAD_URL_TTL,
      sweepInterval: e.EVIDENCE_SWEEP_INTERVAL,
    },
    http: { rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE, trustProxy: e.TRUST_PROXY },
    webhooks: { allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS },
    payments: {
      gateway: e.PAYMENT_GATEWAY,
      sandboxFailureRate: e.PAYMENT_SANDBOX_FAILURE_RATE,
      sandboxFailMode: e.PAYMENT_SANDBOX_FAIL_MODE,
      sandboxLatency: e.PAYMENT_SANDBOX_LATENCY,
      sandboxSettleAfter: e.PAYMENT_SANDBOX_SETTLE_AFTER,
      sandboxSettleFailureRate: e.PAYMENT_SANDBOX_SETTLE_FAILURE_RATE,
    },
  };
}

/** The migration CLI's configuration: only the database URL it migrates with (the tables' owner). */
export function loadMigrationConfig(source: Record<string, string | undefined>): { migrationUrl: string } {
  const e = parseEnv(migrationEnvSchema, source);
  return { migrationUrl: (e.DATABASE_MIGRATION_URL ?? e.DATABASE_URL)! };
}

/** The process's own configuration; exits with the list of problems when it is invalid. */
export function loadConfigFromProcess(): AppConfig;
export function loadConfigFromProcess<T>(load: (source: Record<string, string | undefined>) => T): T;
export function loadConfigFromProcess(load: (source: Record<string, string | undefined>) => unknown = loadConfig): unknown {
  try {
    return load(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

function parseEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const parsed = schema.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

// `FOO=` in an env file means "not set", not "set to the empty string".
function withoutEmptyValues(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => !!entry[1]));
}
