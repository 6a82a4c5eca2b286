import { Injectable } from '@nestjs/common';
import { QueueBackend } from './queue-backend.service';
import { QUEUES } from './names';

@Injectable()
export class QueueHealth {
  readonly name = 'redis';
  constructor(private readonly backend: QueueBackend) {}

  async check(): Promise<void> {
    const redis = this.backend.redisClient();
    if (redis) await redis.ping();
    else await this.backend.queue(QUEUES.deadlines).getJobCounts('waiting');
  }
}
