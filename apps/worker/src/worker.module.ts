import { AppConfig, Clock, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DatabaseHealth, HealthModule, HttpLoggingModule } from '@app/http';
import { QueueHealth, QueuesModule } from '@app/queues';
import { StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EvidenceWorkerModule } from './evidence/evidence.module';
import { OpsModule } from './ops/ops.module';
import { WorkersHealth } from './ops/workers.health';
import { RefundsModule } from './refunds/refunds.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** Every BullMQ processor lives here; its HTTP port serves only health (and metrics). */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        HttpLoggingModule,
        DatabaseModule.forRoot(),
        QueuesModule,
        StorageModule,
        HealthModule.forRoot([DatabaseHealth, QueueHealth, WorkersHealth]),
        OpsModule,
        DeadlinesModule,
        RefundsModule,
        WebhooksModule,
        EvidenceWorkerModule,
      ],
    };
  }
}
