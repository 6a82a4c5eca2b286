import { HealthIndicator, PublicHealthError } from '@app/http';
import { Injectable } from '@nestjs/common';
import { WorkerRegistry } from './worker-registry';

/** Unhealthy when a queue's worker has stopped taking jobs (closed, crashed out of its loop, or paused). */
@Injectable()
export class WorkersHealth implements HealthIndicator {
  readonly name = 'workers';

  constructor(private readonly registry: WorkerRegistry) {}

  async check(): Promise<void> {
    if (this.registry.size === 0) throw new PublicHealthError('no queue worker has started');
    const stopped = this.registry.stopped();
    if (stopped.length) throw new PublicHealthError(`not taking jobs: ${stopped.join(', ')}`);
  }
}
