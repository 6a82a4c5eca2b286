import { CLOCK, Clock } from '@app/config';
import { CaseEntity, CaseStore, CaseWrite } from '@app/database';
import { DeadlineKind, DeadlineParty, DomainError, Transition, transition } from '@app/domain';
import { CaseJobs, nudgeWebhookDispatch, QueueBackend } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type FireResult =
  | { outcome: 'fired'; write: CaseWrite }
  /** The deadline was met, stopped or already fired, or the case moved on: nothing to do. */
  | { outcome: 'stale' }
  /** The alarm rang before the deadline is due (a restarted deadline of the same kind, clock skew). */
  | { outcome: 'early'; dueAt: Date };

export type AlarmResult =
  | { outcome: 'fired' | 'stale' }
  /** A deadline of the alarm's kind is still open and not due: ring again then. */
  | { outcome: 'early'; dueAt: Date };

/**
 * Fires deadlines: the state machine decides what their passing does, CaseStore writes it (status, timeline,
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

  /**
   * For an alarm job (one per case and kind): fires every due deadline of that kind, one party's after the
   * other's (appeal windows, evidence requests). A late, repeated or stale alarm changes nothing.
   */
  async fire(caseId: string, kind: DeadlineKind): Promise<AlarmResult> {
    const now = this.clock.now();
    const { writes, result } = await this.dataSource.transaction(async (manager) => {
      const done: CaseWrite[] = [];
      let caseRow = await manager.findOne(CaseEntity, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
      const ofKind = caseRow ? (await CaseStore.openDeadlines(manager, caseId)).filter((open) => open.kind === kind) : [];
      // Due first, first fired; one that a firing before it closed (a resolution closes all) is stale.
      for (const open of ofKind) {
        const fired = await this.fireLocked(manager, caseRow!, kind, open.party as DeadlineParty, now);
        if (fired.outcome === 'early') return { writes: done, result: fired };
        if (fired.outcome === 'fired') {
          done.push(fired.write);
          caseRow = fired.write.caseRow;
        }
      }
      return { writes: done, result: { outcome: done.length ? 'fired' : 'stale' } as AlarmResult };
    });
    await this.afterCommit(writes, now);
    return result;
  }

  /** The caller holds the case's row lock in `manager`'s transaction. */
  async fireLocked(manager: EntityManager, caseRow: CaseEntity, kind: DeadlineKind, party: DeadlineParty, now: Date): Promise<FireResult> {
    const snapshot = await CaseStore.snapshot(manager, caseRow);
    let next: Transition;
    try {
      next = transition(snapshot, { type: 'deadline_missed', kind, party }, null, now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const dueAt = snapshot.openDeadlines.find((open) => open.kind === kind && open.party === party)?.dueAt;
      if (error.code === 'too_early' && dueAt) return { outcome: 'early', dueAt };
      if (error.code !== 'invalid_state') throw error;
      // An open deadline the case's status has left behind (statuses never go back) can never fire:
      // close it, or the sweep would find it due forever.
      if (dueAt) await this.closeDeadline(manager, caseRow.id, kind, party, now);
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

  private async closeDeadline(manager: EntityManager, caseId: string, kind: DeadlineKind, party: DeadlineParty, now: Date): Promise<void> {
    await manager.query(`UPDATE case_deadlines SET done_at = $4 WHERE case_id = $1 AND kind = $2 AND party = $3 AND done_at IS NULL`, [
      caseId,
      kind,
      party,
      now,
    ]);
  }
}
