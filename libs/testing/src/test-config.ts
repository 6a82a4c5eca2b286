import { AppConfig, loadConfig } from '@app/config';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { appDatabaseUrl, databaseUrl, runValue, TEST_ADMIN_DATABASE_URL, TEST_JWT_SECRET, TEST_REDIS_URL } from './test-env';

/** A fresh database copied from the run's migrated template (or `empty`, never migrated); returns its name. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<string> {
  const name = `arbiter_t_${runValue('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${runValue('templateDatabase')}`);
  } finally {
    await admin.end();
  }
  return name;
}

/**
 * Configuration for one test file: its own database, its own queue prefix in Redis, its own bucket,
 * the run's S3 server. `env` overrides any variable (short policy durations, for example).
 */
export async function createTestConfig(env: Record<string, string> = {}): Promise<AppConfig> {
  return loadConfig(await createTestEnv(env));
}

/** The environment behind createTestConfig, for processes started as children (e.g. a worker to SIGKILL). */
export async function createTestEnv(env: Record<string, string> = {}): Promise<Record<string, string>> {
  const id = randomBytes(4).toString('hex');
  const database = await createTestDatabase();
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // The apps connect with the restricted login; only migrations (and tests that say so) use the owner.
    DATABASE_URL: appDatabaseUrl(database),
    DATABASE_MIGRATION_URL: databaseUrl(database),
    DATABASE_POOL_SIZE: '20',
    // Suites drive many requests from one caller; the rate-limit suite turns the limit on for itself.
    RATE_LIMIT_PER_MINUTE: '0',
    MIGRATIONS_RUN: 'false',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `{arbiter-test-${id}}`,
    S3_ENDPOINT: runValue('s3Endpoint'),
    S3_BUCKET: `arbiter-test-${id}`,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    ...env,
  };
}
