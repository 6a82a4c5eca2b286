import { APP_CONFIG, AppConfig } from '@app/config';
import { configureHttpApp } from '@app/http';
import { NestFactory } from '@nestjs/core';
import { CaseApiModule } from './case-api.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(CaseApiModule.forRoot(), { bufferLogs: true });
  configureHttpApp(app, CaseApiModule);
  await app.listen(app.get<AppConfig>(APP_CONFIG).ports.caseApi);
}

void bootstrap();
