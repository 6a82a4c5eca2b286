import { AuthModule } from '@app/auth';
import { AppConfig, ConfigModule, Clock } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DatabaseHealth, HealthModule, HttpLoggingModule, IdempotencyInterceptor } from '@app/http';
import { QueueHealth, QueuesModule } from '@app/queues';
import { StorageHealth, StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AdminQueuesModule } from './admin/admin-queues.module';
import { CasesModule } from './cases/cases.module';
import { OrdersModule } from './orders/orders.module';
import { SuppliersModule } from './suppliers/suppliers.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class CaseApiModule {
  /** Tests pass their own config and clock; the process reads the environment. */
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: CaseApiModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        HttpLoggingModule,
        DatabaseModule.forRoot(),
        QueuesModule,
        StorageModule,
        AuthModule,
        HealthModule.forRoot([DatabaseHealth, QueueHealth, StorageHealth]),
        OrdersModule,
        CasesModule,
        SuppliersModule,
        WebhooksModule,
        AdminQueuesModule,
      ],
      providers: [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
