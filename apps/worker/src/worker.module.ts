import { AppConfig, Clock, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { DatabaseHealth, HealthModule, HttpLoggingModule } from '@app/http';
import { QueueHealth, QueuesModule } from '@app/queues';
import { StorageModule } from '@app/storage';
import { DynamicModule, Module } from '@nestjs/common';

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
        HealthModule.forRoot([DatabaseHealth, QueueHealth]),
      ],
    };
  }
}
