import { Injectable, Logger } from '@nestjs/common';
import { JOBS, jobIds, QUEUES } from './names';
import { QueueBackend } from './queue-backend.service';
import { nudgeWebhookDispatch } from './webhook-nudge';

/** What a committed case change asks the workers to do. */
export interface CommittedCaseChange {
  startedDeadlines: Array<{ caseId: string; kind: string; dueAt: Date }>;
  refundId: string | null;
}

/**
 * Produces the jobs that follow a committed case change: a delayed alarm per new deadline, the refund payout,
 * and a nudge to the webhook dispatcher.
 * Best effort by design: PostgreSQL holds the truth and the workers' sweeps find anything an alarm missed.
 */
@Injectable()
export class CaseJobs {
  private readonly logger = new Logger(CaseJobs.name);

  constructor(private readonly backend: QueueBackend) {}

  async afterCommit(change: CommittedCaseChange, now: Date = new Date()): Promise<void> {
    // Every change wrote outbox rows: deliver them now rather than at the dispatcher's next tick.
    void nudgeWebhookDispatch(this.backend);
    try {
      await Promise.all([
        ...change.startedDeadlines.map((d) => this.scheduleDeadline(d.caseId, d.kind, d.dueAt, now)),
        change.refundId ? this.enqueueRefund(change.refundId) : undefined,
      ]);
    } catch (error) {
      this.logger.warn(`Could not enqueue jobs (the sweep will catch up): ${(error as Error).message}`);
    }
  }

  scheduleDeadline(caseId: string, kind: string, dueAt: Date, now: Date = new Date()): Promise<unknown> {
    return this.backend.add(QUEUES.deadlines, JOBS.deadlineDue, { caseId, kind }, {
      jobId: jobIds.deadline(caseId, kind),
      delay: Math.max(0, dueAt.getTime() - now.getTime()),
    });
  }

  enqueueRefund(refundId: string): Promise<unknown> {
    return this.backend.add(QUEUES.refunds, JOBS.refundSend, { refundId }, { jobId: jobIds.refund(refundId) });
  }
}
