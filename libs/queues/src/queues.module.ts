import { Global, Module } from '@nestjs/common';
import { CaseJobs } from './case-jobs';
import { EvidenceJobs } from './evidence-jobs';
import { QueueHealth } from './queue.health';
import { QueueBackend } from './queue-backend.service';

@Global()
@Module({
  providers: [QueueBackend, QueueHealth, CaseJobs, EvidenceJobs],
  exports: [QueueBackend, QueueHealth, CaseJobs, EvidenceJobs],
})
export class QueuesModule {}
