import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { RUN_ENV, TEST_ADMIN_DATABASE_URL } from './test-env';

export default async function globalTeardown(): Promise<void> {
  (globalThis as unknown as { __ARBITER_S3__?: ChildProcess }).__ARBITER_S3__?.kill('SIGTERM');
  const runId = process.env[RUN_ENV.runId];
  if (!runId) return;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`arbiter_%${runId}%`]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
}
