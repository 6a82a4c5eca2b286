import { Injectable, Logger } from '@nestjs/common';
import { JOBS, jobIds, QUEUES } from './names';
import { QueueBackend } from './queue-backend.service';

/**
 * Asks the workers to verify an uploaded evidence item. Best effort by design: the item's `verifying` status
 * in PostgreSQL is the truth, and the workers' evidence sweep enqueues again any verification that got lost.
 */
@Injectable()
export class EvidenceJobs {
  private readonly logger = new Logger(EvidenceJobs.name);

  constructor(private readonly backend: QueueBackend) {}

  async verify(evidenceId: string): Promise<void> {
    try {
      // The deterministic id makes a second request for a verification still queued or running a no-op.
      await this.backend.add(QUEUES.evidence, JOBS.evidenceVerify, { evidenceId }, { jobId: jobIds.evidenceVerify(evidenceId) });
    } catch (error) {
      this.logger.warn(`Could not enqueue the verification of ${evidenceId} (the sweep will): ${(error as Error).message}`);
    }
  }

  /** Asks for the derivatives of an item that has just become available; the evidence sweep catches any lost request. */
  async derive(evidenceId: string): Promise<void> {
    try {
      await this.backend.add(QUEUES.media, JOBS.evidenceDerive, { evidenceId }, { jobId: jobIds.evidenceDerive(evidenceId) });
    } catch (error) {
      this.logger.warn(`Could not enqueue the derivatives of ${evidenceId} (the sweep will): ${(error as Error).message}`);
    }
  }
}
