import { AuthGuard, AuthModule } from '@app/auth';
import { AppConfig, Clock, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueHealth, QueuesModule } from '@app/queues';
import { StorageHealth, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DatabaseHealth, HealthModule } from './health';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { HttpMetricsController } from './http-metrics';
import { HttpLoggingModule } from './logging';
import { RateLimitGuard, RateLimitModule, RateLimitStoreModule } from './rate-limit';

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
 * What both HTTP apps stand on besides: bearer auth and a per-caller rate limit on every route, `/health`,
 * `/metrics`, and Idempotency-Key on every POST. Each app adds its features.
 */
@Module({})
export class HttpServiceModule {
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: HttpServiceModule,
      imports: [
        ServiceCoreModule.forRoot(config, clock),
        AuthModule,
        RateLimitStoreModule,
        RateLimitModule,
        HealthModule.forRoot([DatabaseHealth, QueueHealth, StorageHealth]),
      ],
      controllers: [HttpMetricsController],
      providers: [
        // Guards run in this order: the rate limit counts every request, a bad token's too; then who is calling.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
