import { signToken, UserRole } from '@app/auth';
import { AppConfig, loadConfig } from '@app/config';
import { createDataSource, runMigrations } from '@app/database';
import { startS3Server, TEST_ADMIN_DATABASE_URL, TEST_JWT_SECRET, TEST_REDIS_URL, databaseUrl } from '@app/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A scratch database (migrated), an S3 server and a config for one benchmark run; `close` removes them. */
export async function benchEnvironment(
  env: Record<string, string> = {},
): Promise<{ config: AppConfig; env: Record<string, string>; close(): Promise<void> }> {
  const name = `arbiter_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dataSource = await createDataSource(databaseUrl(name), 2).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  const s3 = await startS3Server(mkdtempSync(join(tmpdir(), 'arbiter-bench-s3-')));
  // Kept as variables too, for benchmarks that run the apps as child processes.
  const vars: Record<string, string> = {
    // Not production: that refuses the local secrets a benchmark runs with (libs/config).
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // A benchmark is one caller sending as fast as it can: no rate limit.
    RATE_LIMIT_PER_MINUTE: '0',
    DATABASE_URL: databaseUrl(name),
    DATABASE_POOL_SIZE: '20',
    MIGRATIONS_RUN: 'false',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `{arbiter-bench-${name}}`,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    ...env,
  };
  return {
    config: loadConfig(vars),
    env: vars,
    async close() {
      s3.process.kill('SIGTERM');
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function benchUser(role: UserRole, id: string = randomUUID()) {
  return { id, auth: `Bearer ${await signToken(TEST_JWT_SECRET, role, id)}` };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `work(i)` for i in [0, total) on `clients` concurrent loops; returns each call's latency in ms. */
export async function runConcurrently(total: number, clients: number, work: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const started = performance.now();
        await work(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}
