// The system the console's browser tests drive (npm run test:console starts it through Playwright's
// webServer): the case API (serving the built console), the evidence service and the workers in this one
// process, on a fresh database of the machine's PostgreSQL, the machine's Redis under a prefix of its own,
// and s3rver on loopback. Policy durations are short so escalation and appeal windows pass in seconds.
// Stops, dropping the database, the queue keys and the stored objects, on SIGTERM or SIGINT.
import { loadConfig } from '@app/config';
import { configureHttpApp, ProblemFilter } from '@app/http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { startS3Server } from '../libs/testing/src/s3-server';
import { deleteKeysWithPrefix } from '../libs/testing/src/system';
import { consoleTestEnv } from '../apps/console/e2e/support/stack-env';

async function main(): Promise<void> {
  const stack = consoleTestEnv();
  const admin = new Client({ connectionString: stack.adminDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${stack.database}`);
  await admin.query(`CREATE DATABASE ${stack.database}`);
  await admin.end();

  const s3Dir = mkdtempSync(join(tmpdir(), 'arbiter-console-s3-'));
  const s3 = await startS3Server(s3Dir);
  const config = loadConfig({ ...stack.env, S3_ENDPOINT: s3.endpoint });

  const apps: INestApplication[] = [];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    s3.process.kill('SIGTERM');
    rmSync(s3Dir, { recursive: true, force: true });
    await deleteQueueKeys(stack.env.REDIS_URL, stack.env.QUEUE_PREFIX).catch(() => undefined);
    const cleanup = new Client({ connectionString: stack.adminDatabaseUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${stack.database} WITH (FORCE)`).catch(() => undefined);
    await cleanup.end();
    process.exit(0);
  };
  // `on`, not `once`: the apps' shutdown hooks (configureHttpApp) close them and then raise the signal again,
  // which, with no listener left, would end the process before the database and the objects are dropped.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  // The case API first: it applies the migrations; then the others on the migrated database.
  for (const [root, port] of [
    [CaseApiModule, config.ports.caseApi],
    [EvidenceServiceModule, config.ports.evidence],
  ] as const) {
    const app = await NestFactory.create(root.forRoot(config), { logger: ['error'] });
    configureHttpApp(app, root);
    await app.listen(port, '127.0.0.1');
    apps.push(app);
  }
  const worker = await NestFactory.create(WorkerModule.forRoot(config), { logger: ['error'] });
  worker.useGlobalFilters(new ProblemFilter());
  await worker.listen(config.ports.worker, '127.0.0.1');
  apps.push(worker);
  console.log(JSON.stringify({ ready: true, console: `${stack.consoleUrl}/console/`, database: stack.database }));
}

async function deleteQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
