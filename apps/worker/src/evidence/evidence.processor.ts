import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@app/config';
import { parseDuration } from '@app/domain';
import { JobOf, JOBS, QUEUES, SCHEDULERS } from '@app/queues';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { SchedulerKeeper } from '../ops/scheduler-keeper';
import { WorkerRegistry } from '../ops/worker-registry';
import { EvidenceSweep } from './evidence-sweep';
import { EvidenceVerifier } from './evidence-verifier';

/** The `evidence` queue: verification of uploaded objects, and the periodic sweep of expired uploads. */
@Injectable()
export class EvidenceProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly keeper: SchedulerKeeper,
    private readonly verifier: EvidenceVerifier,
    private readonly sweep: EvidenceSweep,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.start(QUEUES.evidence, (job) => this.process(job));
    this.keeper.keep(QUEUES.evidence, SCHEDULERS.evidenceSweep, JOBS.evidenceExpire, parseDuration(this.config.evidence.sweepInterval));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.evidenceVerify:
        return this.verifier.verify((job as JobOf<typeof JOBS.evidenceVerify>).data.evidenceId);
      case JOBS.evidenceExpire:
        return this.sweep.run(this.clock.now());
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the ${QUEUES.evidence} queue`);
    }
  }
}
