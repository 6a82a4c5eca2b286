import { Roles } from '@app/auth';
import { RefundEntity } from '@app/database';
import { REFUND_STATUSES } from '@app/domain';
import { decodeCursor, EnumField, Operation, Page, PageQueryDto, toPage } from '@app/http';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RefundPageView, RefundView, toRefundView } from '../cases/case.view';

export class ListRefundsQuery extends PageQueryDto {
  @EnumField(REFUND_STATUSES, { optional: true, description: 'e.g. `failed`: the refunds waiting for an admin to send them again' })
  status?: string;
}

/** Not in API.md (an addition): operations' view of refunds, so an admin finds the failed ones without knowing their cases. */
@ApiTags('refunds')
@Roles('admin', 'platform')
@Controller('v1/refunds')
export class RefundsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Operation({ id: 'listRefunds', summary: 'Refunds of every case, newest first (admin, platform)' })
  @ApiOkResponse({ type: RefundPageView })
  async list(@Query() query: ListRefundsQuery): Promise<Page<RefundView>> {
    const qb = this.dataSource.getRepository(RefundEntity).createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const cursor = decodeCursor(query.cursor);
    if (cursor) qb.andWhere('(r.created_at, r.id) < (:at, :id)', { at: cursor.createdAt, id: cursor.id });
    const rows = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, toRefundView);
  }
}
