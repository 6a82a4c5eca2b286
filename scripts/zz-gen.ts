import { loadConfig } from '@app/config';
import { buildOpenApiDocument, apiInfoOf } from '@app/http';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';
async function main() {
  const config = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1:1/x', S3_ENDPOINT: 'http://127.0.0.1:1', S3_ACCESS_KEY_ID: 'x', S3_SECRET_ACCESS_KEY: 'x', AUTH_JWT_SECRET: 'x'.repeat(40), REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });
  for (const [name, mod] of [['case', CaseApiModule], ['evidence', EvidenceServiceModule]] as const) {
    const app = await NestFactory.create((mod as any).forRoot(config), { preview: true, logger: false, abortOnError: false });
    writeFileSync(`/tmp/oa/${name}.json`, JSON.stringify(buildOpenApiDocument(app, apiInfoOf(mod)!), null, 2));
  }
  process.exit(0);
}
main();
