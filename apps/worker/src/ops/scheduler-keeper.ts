import { JOB_OPTIONS, JobName, QueueBackend, QueueName, SchedulerId } from '@app/queues';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/**
 * Job schedulers live in Redis, so a wiped or restarted Redis loses them, and with them every sweep.
 * The keeper upserts each one at boot and checks it again at its own cadence, re-creating it when gone.
 * Upserting the same id from several worker processes is idempotent.
 */
@Injectable()
export class SchedulerKeeper implements OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerKeeper.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly backend: QueueBackend) {}

  keep(queue: QueueName, id: SchedulerId, jobName: JobName, everyMs: number): void {
    const upsert = () =>
      this.backend.queue(queue).upsertJobScheduler(id, { every: everyMs }, { name: jobName, data: {}, opts: JOB_OPTIONS[jobName] });
    const recreateIfLost = async () => {
      if (await this.backend.queue(queue).getJobScheduler(id)) return;
      this.logger.warn(`job scheduler ${id} was missing from ${queue} (Redis restarted or wiped?): re-created`);
      await upsert();
    };
    const report = (error: unknown) => this.logger.warn(`job scheduler ${id}: ${(error as Error).message}`);
    upsert().catch(report);
    this.timers.push(setInterval(() => recreateIfLost().catch(report), Math.max(everyMs, 1000)).unref());
  }

  onApplicationShutdown(): void {
    this.timers.forEach(clearInterval);
  }
}
