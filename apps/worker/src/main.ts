import { APP_CONFIG, AppConfig } from '@app/config';
import { ProblemFilter } from '@app/http';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(WorkerModule.forRoot(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemFilter());
  // SIGTERM lets processors finish or hand back the jobs in flight (Worker.close()).
  app.enableShutdownHooks();
  await app.listen(app.get<AppConfig>(APP_CONFIG).ports.worker);
}

void bootstrap();
