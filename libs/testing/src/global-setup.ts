// Jest's global setup does not apply moduleNameMapper, so these imports are relative.
import { migrate } from '../../database/src/data-source';
import { APP_DATABASE_ROLE } from '../../database/src/database-roles';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startS3Server } from './s3-server';
import { databaseUrl, RUN_ENV, TEST_ADMIN_DATABASE_URL, TEST_APP_LOGIN } from './test-env';

/**
 * Once per jest run: a migrated template database (each test file copies it), the apps' restricted login, and an
 * S3-compatible server. Names carry a run id, so several runs on one machine never share state.
 */
export default async function globalSetup(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const template = `arbiter_tpl_${runId}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  // The migrations create the apps' role; the login that is a member of it is the tests' own.
  await migrate(databaseUrl(template));
  await ensureAppLogin(admin);
  await admin.end();

  const s3 = await startS3Server(mkdtempSync(join(tmpdir(), 'arbiter-s3-')));
  (globalThis as unknown as { __ARBITER_S3__?: unknown }).__ARBITER_S3__ = s3.process;
  process.env[RUN_ENV.runId] = runId;
  process.env[RUN_ENV.templateDatabase] = template;
  process.env[RUN_ENV.s3Endpoint] = s3.endpoint;
}

/** Roles are cluster-wide and runs share the cluster: a run that loses the race to create or grant is fine. */
async function ensureAppLogin(admin: Client): Promise<void> {
  await admin.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TEST_APP_LOGIN}') THEN
        CREATE ROLE ${TEST_APP_LOGIN} LOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await admin.query(`
    DO $$ BEGIN
      GRANT ${APP_DATABASE_ROLE} TO ${TEST_APP_LOGIN};
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
}
