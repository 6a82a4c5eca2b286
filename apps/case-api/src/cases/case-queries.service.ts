import { Principal } from '@app/auth';
import { CaseEntity, CaseEventEntity, CaseStore, RefundEntity } from '@app/database';
import { DomainError } from '@app/domain';
import { decodeCursor, Page, PageQueryDto, toPage } from '@app/http';
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { findVisibleCase } from './case-access';
import { CaseView, EventView, RefundView, toCaseView, toEventView, toRefundView } from './case.view';
import { ListCasesQuery } from './dto/case-requests.dto';

/** Reads of cases, each limited to what the caller may see (DOMAIN.md "Object-level rule"). */
@Injectable()
export class CaseQueriesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(user: Principal, id: string): Promise<CaseView> {
    const manager = this.dataSource.manager;
    const found = await findVisibleCase(manager, user, id);
    return toCaseView(found, await CaseStore.openDeadlines(manager, id));
  }

  /** Newest first; the visibility rule is part of the query, so pages are never short of visible cases. */
  async list(user: Principal, query: ListCasesQuery): Promise<Page<CaseView>> {
    const qb = this.dataSource.getRepository(CaseEntity).createQueryBuilder('c');
    visibleTo(qb, user);
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.orderId) qb.andWhere('c.order_id = :orderId', { orderId: query.orderId });
    const cursor = decodeCursor(query.cursor);
    if (cursor) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: cursor.createdAt, id: cursor.id });
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(query.limit + 1).getMany();
    const deadlines = await CaseStore.openDeadlinesOf(this.dataSource.manager, rows.slice(0, query.limit).map((r) => r.id));
    return toPage(rows, query.limit, (row) => toCaseView(row, deadlines.get(row.id) ?? []));
  }

  /** Oldest first, as the case happened. */
  async timeline(user: Principal, caseId: string, page: PageQueryDto): Promise<Page<EventView>> {
    await findVisibleCase(this.dataSource.manager, user, caseId);
    const cursor = decodeCursor(page.cursor);
    const qb = this.dataSource.getRepository(CaseEventEntity).createQueryBuilder('e').where('e.case_id = :caseId', { caseId });
    if (cursor) qb.andWhere('e.seq > (SELECT seq FROM case_events WHERE id = :after)', { after: cursor.id });
    const rows = await qb.orderBy('e.seq', 'ASC').limit(page.limit + 1).getMany();
    return toPage(
      rows.map((r) => Object.assign(r, { createdAt: r.at })),
      page.limit,
      toEventView,
    );
  }

  async refund(user: Principal, caseId: string): Promise<RefundView> {
    await findVisibleCase(this.dataSource.manager, user, caseId);
    const refund = await this.dataSource.manager.findOneBy(RefundEntity, { caseId });
    if (!refund) throw new DomainError('not_found', 'This case has no refund');
    return toRefundView(refund);
  }
}

/** The SQL form of `canSeeCase` (libs/auth): keep the two in step. */
export function visibleTo(qb: SelectQueryBuilder<CaseEntity>, user: Principal): SelectQueryBuilder<CaseEntity> {
  const me = { me: user.id };
  switch (user.role) {
    case 'buyer':
      return qb.where('c.buyer_id = :me', me);
    case 'supplier':
      return qb.where('c.supplier_id = :me', me);
    case 'specialist':
      return qb.where(
        new Brackets((w) => w.where('c.specialist_id = :me', me).orWhere(`(c.status = 'escalated' AND c.specialist_id IS NULL)`)),
      );
    case 'reviewer':
      return qb.where(
        new Brackets((w) =>
          w.where('c.reviewer_id = :me', me).orWhere(`(c.status = 'appealed' AND c.reviewer_id IS NULL)`).orWhere('c.overdue'),
        ),
      );
    case 'platform':
    case 'admin':
      return qb.where('TRUE');
  }
}
