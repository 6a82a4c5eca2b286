import { AppConfig, Clock } from '@app/config';
import { DatabaseHealth, HealthModule, ServiceCoreModule } from '@app/http';
import { QueueHealth } from '@app/queues';
import { DynamicModule, Module } from '@nestjs/common';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { EvidenceWorkerModule } from './evidence/evidence.module';
import { OpsModule } from './ops/ops.module';
import { WorkersHealth } from './ops/workers.health';
import { RefundsModule } from './refunds/refunds.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** Every BullMQ processor lives here; its HTTP port serves only /health and /metrics. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ServiceCoreModule.forRoot(config, clock),
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
