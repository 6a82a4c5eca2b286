import { AuthModule } from '@app/auth';
import { AppConfig, Clock, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DatabaseHealth, HealthModule, HttpLoggingModule, IdempotencyInterceptor } from '@app/http';
import { QueueHealth, QueuesModule } from '@app/queues';
import { StorageHealth, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EvidenceModule } from './evidence/evidence.module';

@Module({})
export class EvidenceServiceModule {
  /** Tests pass their own config and clock; the process reads the environment. */
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: EvidenceServiceModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        HttpLoggingModule,
        DatabaseModule.forRoot(),
        QueuesModule,
        StorageModule,
        AuthModule,
        HealthModule.forRoot([DatabaseHealth, QueueHealth, StorageHealth]),
        EvidenceModule,
      ],
      providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
