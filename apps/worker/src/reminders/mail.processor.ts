import { JOBS, MAIL_DISPATCH_EVERY_MS, QUEUES, SCHEDULERS } from '@app/queues';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { SchedulerKeeper } from '../ops/scheduler-keeper';
import { WorkerRegistry } from '../ops/worker-registry';
import { MailDispatcher } from './mail-dispatcher';
import { MailTransport } from './mail-transport';

/** The `mail` queue: the dispatcher of reminder e-mails, nudged after reminders go out and ticking for retries. */
@Injectable()
export class MailProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly keeper: SchedulerKeeper,
    private readonly dispatcher: MailDispatcher,
    private readonly transport: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.start(QUEUES.mail, (job) => this.process(job));
    // Without SMTP there is nothing to send: no ticking either.
    if (this.transport.enabled) this.keeper.keep(QUEUES.mail, SCHEDULERS.mailDispatch, JOBS.mailDispatch, MAIL_DISPATCH_EVERY_MS);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.mailDispatch:
        return { sent: await this.dispatcher.run() };
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on the ${QUEUES.mail} queue`);
    }
  }
}
