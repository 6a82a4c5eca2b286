// Shared between the global setup (one per jest run) and the test files.
export const TEST_ADMIN_DATABASE_URL = 'postgres://root@127.0.0.1:5432/postgres';
/**
 * The login the apps under test use: a member of the apps' role (APP_DATABASE_ROLE) and nothing more, so every
 * e2e test proves the apps work with only those privileges. The superuser above owns the tables and migrates.
 */
export const TEST_APP_LOGIN = 'arbiter_test_app';
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379/0';
export const TEST_JWT_SECRET = 'test-only-secret-not-used-anywhere-else-0123456789';

/** What the global setup hands to the test files, through environment variables. */
export const RUN_ENV = {
  s3Endpoint: 'ARBITER_TEST_S3_ENDPOINT',
  templateDatabase: 'ARBITER_TEST_TEMPLATE_DB',
  runId: 'ARBITER_TEST_RUN_ID',
} as const;

export function runValue(name: keyof typeof RUN_ENV): string {
  const value = process.env[RUN_ENV[name]];
  if (!value) throw new Error(`${RUN_ENV[name]} is not set: run integration tests through jest (its global setup)`);
  return value;
}

/** The owner's URL for `database` (test setup that must write directly, migrations). */
export function databaseUrl(database: string): string {
  const url = new URL(TEST_ADMIN_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The apps' URL for `database`, as TEST_APP_LOGIN. */
export function appDatabaseUrl(database: string): string {
  const url = new URL(databaseUrl(database));
  url.username = TEST_APP_LOGIN;
  return url.toString();
}
