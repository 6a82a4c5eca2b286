import { CaseEntity, CaseWrite } from '@app/database';
import { DeadlineKind, DeadlineParty } from '@app/domain';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadlineFiring } from './deadline-firing';

const BATCH = 100;

/**
 * Fires every deadline that is due and not done, whether or not its alarm job exists: PostgreSQL is the truth,
 * so a lost alarm (Redis wiped or restarted) only delays a deadline until the next sweep. Cases are locked
 * FOR UPDATE SKIP LOCKED, so concurrent sweeps and alarm jobs never fire the same deadline twice.
 */
@Injectable()
export class DeadlineSweep {
  private readonly logger = new Logger(DeadlineSweep.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly firing: DeadlineFiring,
  ) {}

  /** Returns how many deadlines fired. */
  async run(now: Date): Promise<number> {
    let fired = 0;
    for (;;) {
      const batch = await this.fireBatch(now);
      fired += batch.writes.length;
      await this.firing.afterCommit(batch.writes, now);
      // A batch where every row failed would come back unchanged: stop until the next sweep.
      if (batch.found < BATCH || batch.settled === 0) return fired;
    }
  }

  private fireBatch(now: Date): Promise<{ found: number; settled: number; writes: CaseWrite[] }> {
    return this.dataSource.transaction(async (manager) => {
      const due: Array<{ case_id: string; kind: DeadlineKind; party: DeadlineParty }> = await manager.query(
        `SELECT d.case_id, d.kind, d.party FROM case_deadlines d JOIN cases c ON c.id = d.case_id
         WHERE d.done_at IS NULL AND d.due_at <= $1
         ORDER BY d.due_at LIMIT $2
         FOR UPDATE OF c SKIP LOCKED`,
        [now, BATCH],
      );
      const writes: CaseWrite[] = [];
      let settled = 0;
      for (const { case_id: caseId, kind, party } of due) {
        // One savepoint per deadline: a bug in one case must not hold back the others.
        await manager.query('SAVEPOINT fire_deadline');
        try {
          const caseRow = await manager.findOneByOrFail(CaseEntity, { id: caseId });
          const result = await this.firing.fireLocked(manager, caseRow, kind, party, now);
          await manager.query('RELEASE SAVEPOINT fire_deadline');
          settled += 1;
          if (result.outcome === 'fired') writes.push(result.write);
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT fire_deadline');
          this.logger.error(`deadline ${kind} of case ${caseId} could not fire: ${(error as Error).message}`);
        }
      }
      return { found: due.length, settled, writes };
    });
  }
}
