import { JobOf, JOBS, QUEUES } from '@app/queues';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { WorkerRegistry } from '../../ops/worker-registry';
import { EvidenceDeriver } from './evidence-deriver';

/** The `media` queue: the derivatives of available evidence, on a queue of their own so long videos never delay verification. */
@Injectable()
export class MediaProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly deriver: EvidenceDeriver,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.start(QUEUES.media, (job) => this.process(job));
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.evidenceDerive:
        return this.deriver.derive((job as JobOf<typeof JOBS.evidenceDerive>).data.evidenceId);
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the ${QUEUES.media} queue`);
    }
  }
}
