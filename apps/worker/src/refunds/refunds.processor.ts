import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/config';
import { parseDuration } from '@app/domain';
import { isFinalAttempt, JobOf, JOBS, QUEUES, SCHEDULERS } from '@app/queues';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { SchedulerKeeper } from '../ops/scheduler-keeper';
import { WorkerRegistry } from '../ops/worker-registry';
import { RefundPayout } from './refund-payout';
import { RefundSweep } from './refund-sweep';

/** The `refunds` queue: sending, confirming, and the sweep that recovers refunds whose job was lost. */
@Injectable()
export class RefundsProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly keeper: SchedulerKeeper,
    private readonly payout: RefundPayout,
    private readonly sweep: RefundSweep,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.start(QUEUES.refunds, (job) => this.process(job));
    // Same cadence as the deadline sweep: both are the safety net under lost jobs.
    this.keeper.keep(QUEUES.refunds, SCHEDULERS.refundSweep, JOBS.refundSweep, parseDuration(this.config.queues.deadlineSweepInterval));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.refundSend: {
        const { data } = job as JobOf<typeof JOBS.refundSend>;
        return this.payout.send(data.refundId, { made: job.attemptsMade, final: isFinalAttempt(job) });
      }
      case JOBS.refundConfirm: {
        const { data } = job as JobOf<typeof JOBS.refundConfirm>;
        return this.payout.confirm(data.refundId, { made: job.attemptsMade });
      }
      case JOBS.refundSweep:
        return { recreated: await this.sweep.run(this.clock.now()) };
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the ${QUEUES.refunds} queue`);
    }
  }
}
