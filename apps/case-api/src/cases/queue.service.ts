import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { CaseEntity, CaseStore, OrderEntity } from '@app/database';
import { DomainError, transition } from '@app/domain';
import { decodeOffsetCursor, Page, PageQueryDto, toOffsetPage } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { CaseView, QueueCaseView, toCaseView } from './case.view';
import { CasesService } from './cases.service';
import { registerInbox } from '../notifications/notifications.service';

/**
 * The specialists' queue (escalated cases) and the reviewers' queue (appealed cases):
 * unassigned ones waiting for the role plus those assigned to the caller, overdue first, then oldest.
 */
@Injectable()
export class QueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A page of the queue, each row with its open deadlines and its order's reference (one query each for the page). */
  async list(user: Principal, page: PageQueryDto): Promise<Page<QueueCaseView>> {
    const offset = decodeOffsetCursor(page.cursor);
    const manager = this.dataSource.manager;
    await registerInbox(manager, user);
    const qb = queueOf(this.dataSource.getRepository(CaseEntity).createQueryBuilder('c'), user, 'listing');
    const rows = await qb.offset(offset).limit(page.limit + 1).getMany();
    const shown = rows.slice(0, page.limit);
    const deadlines = await CaseStore.openDeadlinesOf(manager, shown.map((row) => row.id));
    const orders = shown.length ? await manager.find(OrderEntity, { select: { id: true, externalRef: true }, where: { id: In(shown.map((row) => row.orderId)) } }) : [];
    const refs = new Map(orders.map((order) => [order.id, order.externalRef]));
    return toOffsetPage(rows, page.limit, offset, (row) => ({ ...toCaseView(row, deadlines.get(row.id) ?? []), orderExternalRef: refs.get(row.orderId) ?? null }));
  }

  /** Takes the next waiting case atomically: `FOR UPDATE SKIP LOCKED`, so two callers never get the same one. */
  next(user: Principal): Promise<CaseView | null> {
    const now = this.clock.now();
    return this.cases.commitIfAny(now, async (manager) => {
      const candidate = await queueOf(manager.getRepository(CaseEntity).createQueryBuilder('c'), user, 'waiting')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!candidate) return null;
      const change = transition(await CaseStore.snapshot(manager, candidate), { type: 'claim_case' }, user, now);
      return CaseStore.apply(manager, candidate, change, user, now);
    });
  }
}

/** `waiting`: cases the caller could take now; `listing`: those plus the caller's own (and, for reviewers, overdue ones). */
function queueOf(qb: SelectQueryBuilder<CaseEntity>, user: Principal, scope: 'waiting' | 'listing'): SelectQueryBuilder<CaseEntity> {
  const me = { me: user.id };
  if (user.role === 'specialist') {
    qb.where(`c.status = 'escalated' AND c.specialist_id IS NULL`);
    if (scope === 'listing') qb.orWhere(`c.status = 'under_review' AND c.specialist_id = :me`, me);
    return qb.orderBy('c.overdue', 'DESC').addOrderBy('c.escalated_at', 'ASC').addOrderBy('c.id', 'ASC');
  }
  if (user.role === 'reviewer') {
    // A reviewer never takes a case they decided as specialist.
    qb.where(`c.status = 'appealed' AND c.reviewer_id IS NULL AND (c.decision->>'decidedBy')::uuid IS DISTINCT FROM :me`, me);
    if (scope === 'listing') qb.orWhere(`c.status = 'appealed' AND c.reviewer_id = :me`, me).orWhere(`c.overdue AND c.status = 'under_review'`);
    return qb.orderBy('c.overdue', 'DESC').addOrderBy('c.updated_at', 'ASC').addOrderBy('c.id', 'ASC');
  }
  throw new DomainError('forbidden', 'Only specialists and reviewers have a queue');
}
