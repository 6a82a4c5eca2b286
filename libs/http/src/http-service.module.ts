import { AuthModule } from '@app/auth';
import { AppConfig, Clock, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueHealth, QueuesModule } from '@app/queues';
import { StorageHealth, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DatabaseHealth, HealthModule } from './health';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { HttpLoggingModule } from './logging';

/** What every process stands on: validated config and clock, JSON logs, the database, queues and storage. */
@Module({})
export class ServiceCoreModule {
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [ConfigModule.forRoot(config, clock), HttpLoggingModule, DatabaseModule.forRoot(), QueuesModule, StorageModule],
    };
  }
}

/**
 * What both HTTP apps stand on besides: bearer auth on every route, `/health`, and Idempotency-Key on every
 * POST. Each app adds its features.
 */
@Module({})
export class HttpServiceModule {
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: HttpServiceModule,
      imports: [ServiceCoreModule.forRoot(config, clock), AuthModule, HealthModule.forRoot([DatabaseHealth, QueueHealth, StorageHealth])],
      providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
