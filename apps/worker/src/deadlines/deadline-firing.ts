import { CLOCK, Clock } from '@app/config';
import { CaseEntity, CaseStore, CaseWrite } from '@app/database';
import { DeadlineKind, DomainError, Transition, transition } from '@app/domain';
import { CaseJobs, nudgeWebhookDispatch, QueueBackend } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type FireResult =
  | { outcome: 'fired'; write: CaseWrite }
  /** The deadline was met, stopped or already fired, or the case moved on: nothing to do. */
  | { outcome: 'stale' }
  /** The alarm rang before the deadline is due (a restarted deadline of the same kind, clock skew). */
  | { outcome: 'early'; dueAt: Date };

/**
 * Fires one deadline: the state machine decides what its passing does, CaseStore writes it (status, timeline,
 * outbox, deadlines, ledger and refund) in the caller's transaction, under the case's row lock.
 */
@Injectable()
export class DeadlineFiring {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseJobs: CaseJobs,
    private readonly backend: QueueBackend,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** For an alarm job: a late, repeated or stale alarm changes nothing. */
  async fire(caseId: string, kind: DeadlineKind): Promise<FireResult> {
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (manager) => {
      const caseRow = await manager.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
      return caseRow ? this.fireLocked(manager, caseRow, kind, now) : ({ outcome: 'stale' } as const);
    });
    if (result.outcome === 'fired') await this.afterCommit([result.write], now);
    return result;
  }

  /** The caller holds the case's row lock in `manager`'s transaction. */
  async fireLocked(manager: EntityManager, caseRow: CaseEntity, kind: DeadlineKind, now: Date): Promise<FireResult> {
    const snapshot = await CaseStore.snapshot(manager, caseRow);
    let next: Transition;
    try {
      next = transition(snapshot, { type: 'deadline_missed', kind }, null, now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const dueAt = snapshot.openDeadlines.find((open) => open.kind === kind)?.dueAt;
      if (error.code === 'too_early' && dueAt) return { outcome: 'early', dueAt };
      if (error.code !== 'invalid_state') throw error;
      // An open deadline the case's status has left behind (statuses never go back) can never fire:
      // close it, or the sweep would find it due forever.
      if (dueAt) await this.closeDeadline(manager, caseRow.id, kind, now);
      return { outcome: 'stale' };
    }
    const write = await CaseStore.apply(manager, caseRow, next, null, now);
    // Under the row lock no other writer can win the compare-and-set; if one did, retrying is right.
    if (!write) throw new Error(`case ${caseRow.id} changed under its row lock`);
    return { outcome: 'fired', write };
  }

  /** Once committed: alarms for the deadlines the change started, the payout of a new refund, webhooks. */
  async afterCommit(writes: CaseWrite[], now: Date): Promise<void> {
    if (writes.length === 0) return;
    await Promise.all(writes.map((write) => this.caseJobs.afterCommit(write, now)));
    await nudgeWebhookDispatch(this.backend);
  }

  private async closeDeadline(manager: EntityManager, caseId: string, kind: DeadlineKind, now: Date): Promise<void> {
    await manager.query(`UPDATE case_deadlines SET done_at = $3 WHERE case_id = $1 AND kind = $2 AND done_at IS NULL`, [caseId, kind, now]);
  }
}
