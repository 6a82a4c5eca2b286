import { APP_CONFIG, AppConfig } from '@app/config';
import { configureHttpApp } from '@app/http';
import { NestFactory } from '@nestjs/core';
import { EvidenceServiceModule } from './evidence-service.module';

async function bootstrap(): Promise<void> {
  // The body parser stays on for JSON; direct uploads stream multipart bodies themselves.
  const app = await NestFactory.create(EvidenceServiceModule.forRoot(), { bufferLogs: true });
  configureHttpApp(app, EvidenceServiceModule);
  await app.listen(app.get<AppConfig>(APP_CONFIG).ports.evidence);
}

void bootstrap();
