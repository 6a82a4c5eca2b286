import { Global, Module } from '@nestjs/common';
import { QueueHealth } from './queue.health';
import { QueueBackend } from './queue-backend.service';

@Global()
@Module({ providers: [QueueBackend, QueueHealth], exports: [QueueBackend, QueueHealth] })
export class QueuesModule {}
