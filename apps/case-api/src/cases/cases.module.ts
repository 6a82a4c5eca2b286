import { Module } from '@nestjs/common';
import { CaseQueriesService } from './case-queries.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { MessagesService } from './messages.service';
import { QueueController } from './queue.controller';
import { QueueService } from './queue.service';
import { RefundRetryService } from './refund-retry.service';

@Module({
  controllers: [CasesController, QueueController],
  providers: [CasesService, CaseQueriesService, MessagesService, QueueService, RefundRetryService],
})
export class CasesModule {}
