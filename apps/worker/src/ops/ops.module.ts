import { Global, Module } from '@nestjs/common';
import { IdempotencyKeyPurge } from './idempotency-key-purge';
import { MetricsController } from './metrics.controller';
import { RedisSettingsCheck } from './redis-settings';
import { SchedulerKeeper } from './scheduler-keeper';
import { WorkerRegistry } from './worker-registry';

/** What every processor module needs to run its queue: worker start-up, schedulers, health, Redis checks. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [WorkerRegistry, SchedulerKeeper, RedisSettingsCheck, IdempotencyKeyPurge],
  exports: [WorkerRegistry, SchedulerKeeper, IdempotencyKeyPurge],
})
export class OpsModule {}
