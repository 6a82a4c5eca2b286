import { Global, Module } from '@nestjs/common';
import { RedisSettingsCheck } from './redis-settings';
import { SchedulerKeeper } from './scheduler-keeper';
import { WorkerRegistry } from './worker-registry';

/** What every processor module needs to run its queue: worker start-up, schedulers, health, Redis checks. */
@Global()
@Module({
  providers: [WorkerRegistry, SchedulerKeeper, RedisSettingsCheck],
  exports: [WorkerRegistry, SchedulerKeeper],
})
export class OpsModule {}
