import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/config';
import { DeadlineKind, parseDuration } from '@app/domain';
import { JobOf, JOBS, QUEUES, SCHEDULERS } from '@app/queues';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { OrderAutoConfirm } from '../orders/order-auto-confirm';
import { IdempotencyKeyPurge } from '../ops/idempotency-key-purge';
import { SchedulerKeeper } from '../ops/scheduler-keeper';
import { WorkerRegistry } from '../ops/worker-registry';
import { DeadlineFiring } from './deadline-firing';
import { DeadlineSweep } from './deadline-sweep';
import { ReminderSweep } from '../reminders/reminder-sweep';

/**
 * The `deadlines` queue: alarm jobs, the periodic sweep that fires what no alarm did, and the reminder sweep
 * (same cadence: a reminder goes out within one sweep interval of its time).
 */
@Injectable()
export class DeadlinesProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly keeper: SchedulerKeeper,
    private readonly firing: DeadlineFiring,
    private readonly sweep: DeadlineSweep,
    private readonly autoConfirm: OrderAutoConfirm,
    private readonly idempotencyKeys: IdempotencyKeyPurge,
    private readonly reminders: ReminderSweep,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.start(QUEUES.deadlines, (job, token) => this.process(job, token));
    const every = parseDuration(this.config.queues.deadlineSweepInterval);
    this.keeper.keep(QUEUES.deadlines, SCHEDULERS.deadlineSweep, JOBS.deadlineSweep, every);
    this.keeper.keep(QUEUES.deadlines, SCHEDULERS.reminderSweep, JOBS.reminderSweep, every);
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case JOBS.deadlineDue:
        return this.onAlarm(job as JobOf<typeof JOBS.deadlineDue>, token);
      case JOBS.deadlineSweep: {
        const now = this.clock.now();
        return {
          fired: await this.sweep.run(now),
          ordersCompleted: await this.autoConfirm.run(now),
          idempotencyKeysPurged: await this.idempotencyKeys.run(now),
        };
      }
      case JOBS.reminderSweep:
        return { reminded: await this.reminders.run(this.clock.now()) };
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the ${QUEUES.deadlines} queue`);
    }
  }

  private async onAlarm(job: JobOf<typeof JOBS.deadlineDue>, token?: string): Promise<string> {
    const result = await this.firing.fire(job.data.caseId, job.data.kind as DeadlineKind);
    if (result.outcome !== 'early') return result.outcome;
    // Also when another party's deadline of the same kind is still to come (one alarm per case and kind).
    // Ring again when it is due (BullMQ's delays run on real time, the deadline on the injected clock).
    await job.moveToDelayed(Date.now() + (result.dueAt.getTime() - this.clock.now().getTime()), token);
    throw new DelayedError();
  }
}
