import { CurrentUser, Principal, Roles } from '@app/auth';
import { Page, PageQueryDto } from '@app/http';
import { Controller, Get, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CasePageView, CaseView } from './case.view';
import { QueueService } from './queue.service';

@ApiTags('queue')
@ApiBearerAuth()
@Roles('specialist', 'reviewer')
@Controller('v1/queue')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get()
  @ApiOkResponse({ type: CasePageView })
  list(@CurrentUser() user: Principal, @Query() page: PageQueryDto): Promise<Page<CaseView>> {
    return this.queue.list(user, page);
  }

  @Post('next')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseView })
  @ApiNoContentResponse({ description: 'the queue is empty' })
  async next(@CurrentUser() user: Principal, @Res({ passthrough: true }) res: Response): Promise<CaseView | undefined> {
    const taken = await this.queue.next(user);
    if (!taken) res.status(HttpStatus.NO_CONTENT);
    return taken ?? undefined;
  }
}
