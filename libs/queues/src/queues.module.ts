import { Global, Module } from '@nestjs/common';
import { CaseJobs } from './case-jobs';
import { QueueHealth } from './queue.health';
import { QueueBackend } from './queue-backend.service';

@Global()
@Module({ providers: [QueueBackend, QueueHealth, CaseJobs], exports: [QueueBackend, QueueHealth, CaseJobs] })
export class QueuesModule {}
