import { signToken, UserRole } from '@app/auth';
import type { AppConfig } from '@app/config';
import { configureHttpApp } from '@app/http';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { contractRequest } from './contract/contract-request';
import { createTestConfig } from './test-config';
import { TestClock } from './test-clock';
import { TEST_JWT_SECRET } from './test-env';

export interface TestApp {
  app: INestApplication;
  /** Every answer is also checked against the OpenAPI document the app serves. */
  http: TestAgent;
  config: AppConfig;
  clock: TestClock;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Boots an HTTP app the way main.ts does, on its own database, listening on a free loopback port. */
export async function startTestApp(
  moduleFor: (config: AppConfig, clock: TestClock) => DynamicModule,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = await createTestConfig(env);
  const clock = new TestClock();
  const root = moduleFor(config, clock);
  const app = await NestFactory.create(root, { logger: false, bufferLogs: false });
  configureHttpApp(app, root.module);
  await app.listen(0, '127.0.0.1');
  return {
    app,
    http: await contractRequest(app),
    config,
    clock,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

export interface TestUser {
  id: string;
  role: UserRole;
  token: string;
  auth: { Authorization: string };
}

export async function testUser(role: UserRole, id: string = randomUUID()): Promise<TestUser> {
  const token = await signToken(TEST_JWT_SECRET, role, id);
  return { id, role, token, auth: { Authorization: `Bearer ${token}` } };
}
