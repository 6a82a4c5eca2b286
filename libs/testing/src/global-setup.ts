// Jest's global setup does not apply moduleNameMapper, so this one import is relative.
import { createDataSource, runMigrations } from '../../database/src/data-source';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startS3Server } from './s3-server';
import { databaseUrl, RUN_ENV, TEST_ADMIN_DATABASE_URL } from './test-env';

/**
 * Once per jest run: a migrated template database (each test file copies it), and an S3-compatible server.
 * Names carry a run id, so several runs on one machine never share state.
 */
export default async function globalSetup(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  const template = `arbiter_tpl_${runId}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const dataSource = await createDataSource(databaseUrl(template), 2).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();

  const s3 = await startS3Server(mkdtempSync(join(tmpdir(), 'arbiter-s3-')));
  (globalThis as unknown as { __ARBITER_S3__?: unknown }).__ARBITER_S3__ = s3.process;
  process.env[RUN_ENV.runId] = runId;
  process.env[RUN_ENV.templateDatabase] = template;
  process.env[RUN_ENV.s3Endpoint] = s3.endpoint;
}
