import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { createDataSource, DatabaseModule } from '@app/database';
import { configureHttpApp } from '@app/http';
import { CaseJobs, QueueBackend, QueuesModule } from '@app/queues';
import { DynamicModule, INestApplication, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type TestAgent from 'supertest/lib/agent';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { contractRequest } from './contract/contract-request';
import { createTestEnv } from './test-config';
import { TestClock } from './test-clock';

export type AppFactory = (config: AppConfig, clock: TestClock) => DynamicModule;

/** Database and queues without any processor: what a test uses to set up states and produce jobs. */
@Module({})
class TestSupportModule {
  static forRoot(config: AppConfig, clock: TestClock): DynamicModule {
    return { module: TestSupportModule, imports: [ConfigModule.forRoot(config, clock), DatabaseModule.forRoot(), QueuesModule] };
  }
}

export interface TestSystem {
  config: AppConfig;
  /** The environment behind `config`, for child processes (spawnWorker). */
  env: Record<string, string>;
  clock: TestClock;
  /** As the apps connect: the restricted login. */
  dataSource: DataSource;
  /** As the tables' owner, for the few tests that change the schema (a migration, a trigger); made on first use. */
  owner(): Promise<DataSource>;
  backend: QueueBackend;
  caseJobs: CaseJobs;
  /** The started apps, in the order given, each listening on a loopback port. */
  apps: INestApplication[];
  /** Requests to one of the apps; every answer is also checked against the OpenAPI document it serves. */
  http(app: INestApplication): TestAgent;
  /** Starts one more app on the same configuration (a second worker, say). */
  startApp(factory: AppFactory): Promise<INestApplication>;
  close(): Promise<void>;
}

/**
 * One configuration (database, Redis prefix, bucket, clock) shared by several apps: the case API and the
 * worker side by side, or two workers as competing consumers, plus a support context for fixtures.
 */
export async function startTestSystem(options: { env?: Record<string, string>; apps?: AppFactory[] } = {}): Promise<TestSystem> {
  const env = await createTestEnv(options.env);
  const config = loadConfig(env);
  const clock = new TestClock();
  const support: INestApplicationContext = await NestFactory.createApplicationContext(TestSupportModule.forRoot(config, clock), {
    logger: false,
  });
  const apps: INestApplication[] = [];
  let ownerDataSource: Promise<DataSource> | undefined;
  const agents = new Map<INestApplication, TestAgent>();
  const startApp = async (factory: AppFactory) => {
    const root = factory(config, clock);
    const app = await NestFactory.create(root, { logger: false, bufferLogs: false });
    configureHttpApp(app, root.module);
    await app.listen(0, '127.0.0.1');
    agents.set(app, await contractRequest(app));
    apps.push(app);
    return app;
  };
  for (const factory of options.apps ?? []) await startApp(factory);
  return {
    config,
    env,
    clock,
    dataSource: support.get(DataSource),
    owner: () => (ownerDataSource ??= createDataSource(config.database.migrationUrl, 2).initialize()),
    backend: support.get(QueueBackend),
    caseJobs: support.get(CaseJobs),
    apps,
    http: (app) => {
      const agent = agents.get(app);
      if (!agent) throw new Error('not an app of this test system');
      return agent;
    },
    startApp,
    close: async () => {
      if (ownerDataSource) await (await ownerDataSource).destroy();
      for (const app of apps.reverse()) await app.close();
      await deleteQueueKeys(support.get(QueueBackend), config.queues.prefix).catch(() => undefined); // Redis may be the thing under test
      await support.close();
    },
  };
}

async function deleteQueueKeys(backend: QueueBackend, prefix: string): Promise<void> {
  const redis = backend.redisClient();
  if (redis) await deleteKeysWithPrefix(redis, prefix);
}

/** A test run's own queue keys, so a shared Redis does not fill up run after run. */
export async function deleteKeysWithPrefix(redis: Pick<Redis, 'scan' | 'unlink'>, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
