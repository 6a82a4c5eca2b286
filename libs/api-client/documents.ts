import { loadConfig } from '@app/config';
import { apiInfoOf, buildOpenApiDocument } from '@app/http';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../../apps/evidence-service/src/evidence-service.module';

/** The HTTP apps whose documents the client is generated from, by the file name they are committed under. */
export const DOCUMENTED_APPS = { 'case-api': CaseApiModule, 'evidence-service': EvidenceServiceModule } as const;
export type DocumentedApp = keyof typeof DOCUMENTED_APPS;

// Preview mode builds the module graph without running it, so no configured service is ever contacted.
const OFFLINE_CONFIG = loadConfig({
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'postgres://offline@127.0.0.1:9/offline',
  REDIS_URL: 'redis://127.0.0.1:9',
  S3_ENDPOINT: 'http://127.0.0.1:9',
  S3_ACCESS_KEY_ID: 'offline',
  S3_SECRET_ACCESS_KEY: 'offline',
  AUTH_JWT_SECRET: 'offline-document-generation-only-0000000000',
});

/** The OpenAPI document an app serves at /docs-json, built without starting it. */
export async function documentOf(name: DocumentedApp): Promise<OpenAPIObject> {
  const root = DOCUMENTED_APPS[name];
  const app = await NestFactory.create(root.forRoot(OFFLINE_CONFIG), { preview: true, logger: false, abortOnError: false });
  return buildOpenApiDocument(app, apiInfoOf(root)!);
}
