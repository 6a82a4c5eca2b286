import { CLOCK, Clock } from '@app/config';
import { JobOf, JOBS, QUEUES, SCHEDULERS, WEBHOOK_DISPATCH_EVERY_MS } from '@app/queues';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { SchedulerKeeper } from '../ops/scheduler-keeper';
import { WorkerRegistry } from '../ops/worker-registry';
import { WebhookDeliverer } from './webhook-deliverer';
import { WebhookDispatcher } from './webhook-dispatcher';

/** The `webhooks` queue: the outbox dispatcher (scheduled, and nudged after changes), which also hands out due retries, and the deliveries. */
@Injectable()
export class WebhooksProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly keeper: SchedulerKeeper,
    private readonly dispatcher: WebhookDispatcher,
    private readonly deliverer: WebhookDeliverer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.start(QUEUES.webhooks, (job) => this.process(job));
    this.keeper.keep(QUEUES.webhooks, SCHEDULERS.webhookDispatch, JOBS.webhookDispatch, WEBHOOK_DISPATCH_EVERY_MS);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.webhookDispatch:
        return { created: await this.dispatcher.run(this.clock.now()) };
      case JOBS.webhookDeliver: {
        const { data } = job as JobOf<typeof JOBS.webhookDeliver>;
        return this.deliverer.deliver(data.deliveryId);
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the ${QUEUES.webhooks} queue`);
    }
  }
}
