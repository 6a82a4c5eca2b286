import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createPostgresBackend, JobsOptions, PostgresPoolConfig, Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import IORedis from 'ioredis';
import { JOB_OPTIONS } from './job-options';
import { JobName, JobPayloads, QueueName } from './names';

/**
 * The one place that knows where the queues live: Redis in production, BullMQ's PostgreSQL backend
 * on a newcomer's machine that has no Redis. Everything else asks this service for queues and workers.
 */
@Injectable()
export class QueueBackend implements OnModuleDestroy {
  private readonly logger = new Logger(QueueBackend.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connections: IORedis[] = [];
  private readonly closers: Array<() => Promise<void>> = [];
  private sharedRedis?: IORedis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get kind(): 'redis' | 'postgres' {
    return this.config.queues.backend;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.kind === 'redis'
        ? new Queue(name, { connection: this.redis(false), prefix: this.config.queues.prefix })
        : (new Queue(name, { connection: this.postgresConnection() }, createPostgresBackend) as unknown as Queue);
      // Without a listener BullMQ prints every error; connection errors are already logged by the connection.
      queue.on('error', (error) => this.logger.debug(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
      this.closers.push(() => queue!.close());
    }
    return queue;
  }

  /** Adds a job with its name's retry policy (JOB_OPTIONS), plus any per-job options such as a jobId or delay. */
  async add<N extends JobName>(queue: QueueName, name: N, data: JobPayloads[N], opts?: JobsOptions): Promise<void> {
    await this.queue(queue).add(name, data, { ...JOB_OPTIONS[name], ...opts });
  }

  worker(name: QueueName, processor: Processor, opts: Omit<WorkerOptions, 'connection'> = {}): Worker {
    const connection = this.kind === 'redis' ? this.redis(true) : null;
    const worker = connection
      ? new Worker(name, processor, { ...opts, connection, prefix: this.config.queues.prefix })
      : (new Worker(name, processor, { ...opts, connection: this.postgresConnection() }, createPostgresBackend) as unknown as Worker);
    // Graceful close waits for the jobs in flight; without Redis it would wait forever and nothing could be acked anyway.
    this.closers.push(() => worker.close(connection !== null && connection.status !== 'ready'));
    return worker;
  }

  /** A plain Redis client on the queue Redis (health checks, settings), or null on the PostgreSQL backend. */
  redisClient(): IORedis | null {
    if (this.kind !== 'redis') return null;
    this.sharedRedis ??= this.redis(false);
    return this.sharedRedis;
  }

  async onModuleDestroy(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch((error) => this.logger.warn(`close failed: ${error}`));
    await Promise.all(this.connections.map(async (c) => (c.status === 'ready' ? c.quit().catch(() => undefined) : c.disconnect())));
  }

  private redis(blocking: boolean): IORedis {
    // Workers block on Redis, so their connections must retry forever; producers should fail fast.
    const connection = new IORedis(this.config.queues.redisUrl!, {
      maxRetriesPerRequest: blocking ? null : 3,
      lazyConnect: false,
    });
    connection.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
    this.connections.push(connection);
    return connection;
  }

  private postgresConnection(): PostgresPoolConfig {
    return { connectionString: this.config.database.url, schema: 'bullmq', migrate: true };
  }
}
