import { EvidenceEntity, EvidenceStore } from '@app/database';
import { EnsureResult, ensureJob, JOBS, jobIds, QUEUES, QueueBackend } from '@app/queues';
import { EvidenceObjects } from '@app/storage';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, FindOptionsWhere, In, IsNull, LessThanOrEqual, MoreThan, Not } from 'typeorm';

const BATCH = 100;

/**
 * The evidence queue's periodic job. Uploads never completed are given up once expired: their multipart upload
 * aborted, their object deleted, the item rejected (`missing_object`) so it no longer holds one of the party's
 * places. Items `verifying` get their verification job back if Redis lost it: PostgreSQL is the truth.
 * And once every URL of a settled item has expired, whatever its uploader still sent to the upload key is removed.
 */
@Injectable()
export class EvidenceSweep {
  private readonly logger = new Logger(EvidenceSweep.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly objects: EvidenceObjects,
    private readonly backend: QueueBackend,
  ) {}

  async run(now: Date): Promise<{ expired: number; verificationsRestored: number; derivationsRestored: number; straysRemoved: number }> {
    return {
      expired: await this.expireUploads(now),
      verificationsRestored: await this.restoreVerifications(),
      derivationsRestored: await this.restoreDerivations(),
      straysRemoved: await this.removeStrayUploads(now),
    };
  }

  private async expireUploads(now: Date): Promise<number> {
    let expired = 0;
    for (;;) {
      const batch = await this.dataSource.manager.find(EvidenceEntity, {
        where: { status: 'pending_upload', expiresAt: LessThanOrEqual(now) },
        order: { expiresAt: 'ASC' },
        take: BATCH,
      });
      let done = 0;
      for (const item of batch) {
        try {
          // Storage first: should it fail, the item stays pending and the next sweep tries again.
          await this.objects.discard(item.uploadKey ?? item.storageKey, item.uploadId);
          // Every URL expired with the session, so nothing can arrive at the upload key any more.
          if (await EvidenceStore.move(this.dataSource.manager, item, 'rejected', { rejectionReason: 'missing_object', uploadKey: null })) done += 1;
        } catch (error) {
          this.logger.warn(`expired upload ${item.id} could not be cleaned up yet: ${(error as Error).message}`);
        }
      }
      expired += done;
      // A batch where nothing could be cleaned would come back unchanged: stop until the next sweep.
      if (batch.length < BATCH || done === 0) return expired;
    }
  }

  /**
   * A verified or rejected item's upload key was emptied when it was settled, but its URLs may still have been
   * valid then: a PUT after that lands where nothing is served from, and is removed here once they have expired.
   */
  private async removeStrayUploads(now: Date): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = await this.dataSource.manager.find(EvidenceEntity, {
        select: { id: true, uploadKey: true },
        where: { status: In(['available', 'rejected']), uploadKey: Not(IsNull()), uploadUrlsExpireAt: LessThanOrEqual(now) },
        order: { uploadUrlsExpireAt: 'ASC' },
        take: BATCH,
      });
      let done = 0;
      for (const { id, uploadKey } of batch) {
        try {
          await this.objects.discard(uploadKey!, null);
          await this.dataSource.manager.update(EvidenceEntity, { id, uploadKey: uploadKey! }, { uploadKey: null });
          done += 1;
        } catch (error) {
          this.logger.warn(`the upload key of ${id} could not be cleaned up yet: ${(error as Error).message}`);
        }
      }
      removed += done;
      if (batch.length < BATCH || done === 0) return removed;
    }
  }

  private restoreVerifications(): Promise<number> {
    return this.restore({ status: 'verifying' }, (id) => ensureJob(this.backend, QUEUES.evidence, JOBS.evidenceVerify, { evidenceId: id }, jobIds.evidenceVerify(id)));
  }

  /** Available items whose derivatives step never finished, those available before it existed included. */
  private restoreDerivations(): Promise<number> {
    return this.restore({ status: 'available', derivedAt: IsNull() }, (id) =>
      ensureJob(this.backend, QUEUES.media, JOBS.evidenceDerive, { evidenceId: id }, jobIds.evidenceDerive(id)),
    );
  }

  /** Makes sure every item matching `where` has its job, in id order, a batch at a time. */
  private async restore(where: FindOptionsWhere<EvidenceEntity>, ensure: (id: string) => Promise<EnsureResult>): Promise<number> {
    let restored = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.dataSource.manager.find(EvidenceEntity, { select: { id: true }, where: { ...where, id: MoreThan(after) }, order: { id: 'ASC' }, take: BATCH });
      for (const { id } of batch) if ((await ensure(id)) !== 'present') restored += 1;
      if (batch.length < BATCH) return restored;
      after = batch[batch.length - 1].id;
    }
  }
}
