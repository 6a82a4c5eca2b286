import { Injectable } from '@nestjs/common';
import { QueueBackend } from './queue-backend.service';
import { QUEUES } from './names';

@Injectable()
export class QueueHealth {
  readonly name: string;
  constructor(private readonly backend: QueueBackend) {
    this.name = backend.kind === 'redis' ? 'redis' : 'queues';
  }

  async check(): Promise<void> {
    const redis = this.backend.redisClient();
    if (redis) await redis.ping();
    else await this.backend.queue(QUEUES.deadlines).getJobCounts('waiting');
  }
}
