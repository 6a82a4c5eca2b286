import { JobName, QueueBackend, QueueName, WORKER_OPTIONS } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';

export type JobHandler = (job: Job<unknown, unknown, JobName>, token?: string) => Promise<unknown>;

/** Starts one BullMQ worker per queue through the queue backend and remembers them for the health check. */
@Injectable()
export class WorkerRegistry {
  private readonly logger = new Logger(WorkerRegistry.name);
  private readonly workers = new Map<QueueName, Worker>();

  constructor(private readonly backend: QueueBackend) {}

  start(queue: QueueName, handler: JobHandler): Worker {
    if (this.workers.has(queue)) throw new Error(`a worker for ${queue} is already running`);
    const worker = this.backend.worker(queue, (job, token) => handler(job as Job<unknown, unknown, JobName>, token), WORKER_OPTIONS[queue]);
    // An EventEmitter without an 'error' listener throws; connection trouble is logged and retried by BullMQ.
    worker.on('error', (error) => this.logger.warn(`${queue} worker: ${error.message}`));
    // A try that will be retried is routine (a gateway blip, a refund not settled yet); a job out of tries is not.
    worker.on('failed', (job, error) => {
      const outOfTries = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
      const message = `${queue} job ${job?.name} ${job?.id} failed (try ${job?.attemptsMade}): ${error.message}`;
      if (outOfTries) this.logger.warn(message);
      else this.logger.debug(message);
    });
    this.workers.set(queue, worker);
    return worker;
  }

  /** The queues whose worker is closed or paused, so takes no jobs. */
  stopped(): QueueName[] {
    return [...this.workers].filter(([, worker]) => !worker.isRunning() || worker.isPaused()).map(([queue]) => queue);
  }

  get(queue: QueueName): Worker | undefined {
    return this.workers.get(queue);
  }

  get size(): number {
    return this.workers.size;
  }
}
