import { CurrentUser, Principal, Roles } from '@app/auth';
import { EmptyBodyDto, Operation, Page, PageQueryDto } from '@app/http';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CaseView, QueueCasePageView, QueueCaseView } from './case.view';
import { QueueService } from './queue.service';

@ApiTags('queue')
@Roles('specialist', 'reviewer')
@Controller('v1/queue')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get()
  @Operation({ id: 'listQueue', summary: "The caller's queue: unassigned cases waiting for the role and the caller's own, overdue first" })
  @ApiOkResponse({ type: QueueCasePageView })
  list(@CurrentUser() user: Principal, @Query() page: PageQueryDto): Promise<Page<QueueCaseView>> {
    return this.queue.list(user, page);
  }

  @Post('next')
  @HttpCode(200)
  @Operation({ id: 'takeNextCase', summary: 'Take the next case of the queue (204 when it is empty)' })
  @ApiOkResponse({ type: CaseView })
  @ApiNoContentResponse({ description: 'the queue is empty' })
  async next(@CurrentUser() user: Principal, @Body() _nothing: EmptyBodyDto, @Res({ passthrough: true }) res: Response): Promise<CaseView | undefined> {
    const taken = await this.queue.next(user);
    if (!taken) res.status(HttpStatus.NO_CONTENT);
    return taken ?? undefined;
  }
}
