import { Principal } from '@app/auth';
import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { CaseStore, CaseWrite, newCaseRow, OrderRepository } from '@app/database';
import { assertCoverage, CaseAction, DisputeReason, DomainError, openCase, transition } from '@app/domain';
import { CaseJobs } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { findVisibleCase, isUniqueViolation, takenByAnotherStaffMember } from './case-access';
import { CaseView, toCaseView } from './case.view';
import { OpenCaseDto } from './dto/case-requests.dto';

/** Changes to cases: each one a single transaction, then the jobs it asks for. */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: CaseJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(user: Principal, dto: OpenCaseDto): Promise<CaseView> {
    const now = this.clock.now();
    try {
      return await this.commit(now, async (manager) => {
        // The order row lock serialises concurrent openings on one order.
        const order = await OrderRepository.lock(manager, dto.orderId);
        if (!order || order.buyerId !== user.id) throw new DomainError('not_found', 'No such order', 'orderId');
        await assertNotResolvedBefore(manager, order.id);
        const policy = this.config.policy;
        assertCoverage({
          order: { ...order, amount: { amount: order.amount, currency: order.currency } },
          reason: dto.reason as DisputeReason,
          claim: dto.claim,
          now,
          policy,
          hasOpenCase: await OrderRepository.hasOpenCase(manager, order.id),
        });
        const opened = openCase({
          buyerId: order.buyerId,
          supplierId: order.supplierId,
          claim: dto.claim,
          orderAmount: { amount: order.amount, currency: order.currency },
          now,
          policy,
        });
        return CaseStore.insert(manager, newCaseRow(order, { ...dto, policy }), opened, user, now);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'cases_one_open_per_order')) {
        throw new DomainError('case_already_open', 'This order already has an open case');
      }
      throw error;
    }
  }

  /** Any action of the state machine on a case the caller can see. */
  act(user: Principal, caseId: string, action: CaseAction): Promise<CaseView> {
    const now = this.clock.now();
    return this.commit(now, async (manager) => {
      const current = await findVisibleCase(manager, user, caseId, true).catch(async (error) => {
        if (action.type !== 'claim_case') throw error;
        const taken = await CaseStore.find(manager, caseId);
        if (taken && takenByAnotherStaffMember(user, taken)) throw new DomainError('invalid_state', 'Someone else already has this case');
        throw error;
      });
      const change = transition(await CaseStore.snapshot(manager, current), action, user, now);
      const write = await CaseStore.apply(manager, current, change, user, now);
      if (!write) throw new DomainError('invalid_state', 'The case changed meanwhile; reload it');
      return write;
    });
  }

  /** Runs a write in one transaction; after commit, schedules its deadline alarms and payout. */
  async commit(now: Date, write: (manager: EntityManager) => Promise<CaseWrite>): Promise<CaseView> {
    return (await this.commitIfAny(now, write))!;
  }

  /** As `commit`, for a write that may find nothing to do (null). */
  async commitIfAny(now: Date, write: (manager: EntityManager) => Promise<CaseWrite | null>): Promise<CaseView | null> {
    const committed = await this.dataSource.transaction(async (manager) => {
      const result = await write(manager);
      return result && { result, deadlines: await CaseStore.openDeadlines(manager, result.caseRow.id) };
    });
    if (!committed) return null;
    await this.jobs.afterCommit(committed.result, now);
    return toCaseView(committed.result.caseRow, committed.deadlines);
  }
}

/** A case that ended in a refund decision settles the order for good; withdrawn or cancelled ones do not. */
async function assertNotResolvedBefore(manager: EntityManager, orderId: string): Promise<void> {
  const resolved: unknown[] = await manager.query(`SELECT 1 FROM cases WHERE order_id = $1 AND status = 'resolved' LIMIT 1`, [orderId]);
  if (resolved.length) throw new DomainError('not_covered', 'A dispute on this order was already resolved');
}

