import { Clock, CLOCK } from '@app/config';
import { EvidenceEntity, EvidenceStore } from '@app/database';
import { EvidenceJobs } from '@app/queues';
import { digestStream, EvidenceObjects, sniffMediaType } from '@app/storage';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { judge, Observed, Verdict } from './verdict';

/**
 * Checks an uploaded object against what its uploader declared, then makes the item available or rejects it.
 *
 * The uploader's URLs write to the item's upload key, and may still for a while: the bytes are first copied
 * server-side to the item's own key, which no URL names, and it is that copy which is read (once, constant memory
 * whatever its size) and judged, and then served. So nothing the uploader sends later can change what was checked.
 *
 * Safe to repeat at any point: the item's row stays locked while it is verified (a second run skips it), its own
 * key is only ever written here while it is `verifying`, and a crash before the commit leaves it `verifying` with
 * the upload key intact, to be copied again.
 */
@Injectable()
export class EvidenceVerifier {
  private readonly logger = new Logger(EvidenceVerifier.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly objects: EvidenceObjects,
    private readonly jobs: EvidenceJobs,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A late or repeated job finds the item no longer `verifying` (or being verified) and does nothing. */
  async verify(evidenceId: string): Promise<Verdict | null> {
    const settled = await this.dataSource.transaction(async (manager) => {
      const item = await manager
        .createQueryBuilder(EvidenceEntity, 'e')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`e.id = :evidenceId AND e.status = 'verifying'`, { evidenceId })
        .getOne();
      if (!item) return null;
      const verdict = await this.judged(manager, item);
      if (verdict.accepted) {
        await EvidenceStore.makeAvailable(manager, item, verdict.detectedType, this.clock.now());
      } else {
        // Objects first: if removing them fails the job is retried, and the item is still `verifying` to retry on.
        await this.objects.discard(item.storageKey, null);
        if (item.uploadKey) await this.objects.discard(item.uploadKey, null);
        await EvidenceStore.move(manager, item, 'rejected', { rejectionReason: verdict.reason });
      }
      return { item, verdict };
    });
    if (settled?.verdict.accepted) {
      // Available now; its derivatives follow on their own queue (the evidence sweep asks again if this is lost).
      await this.jobs.derive(settled.item.id);
      if (settled.item.uploadKey) await this.removeUpload(settled.item.uploadKey);
    }
    return settled?.verdict ?? null;
  }

  /**
   * The bytes' verdict, then the uploader's window (DOMAIN.md "Evidence"): judged at the completion, on the case as
   * it is now, locked until the commit, so nothing reaches a case that closed meanwhile (`window_closed`).
   */
  private async judged(manager: EntityManager, item: EvidenceEntity): Promise<Verdict> {
    const verdict = judge(item, await this.observe(item));
    if (!verdict.accepted) return verdict;
    const completedAt = item.completedAt ?? this.clock.now();
    return (await EvidenceStore.uploaderWindowOpen(manager, item, completedAt)) ? verdict : { accepted: false, reason: 'window_closed' };
  }

  private async observe(item: EvidenceEntity): Promise<Observed> {
    if (item.uploadKey) {
      const uploaded = await this.objects.size(item.uploadKey);
      // Its size alone may condemn it: nothing to copy or read.
      if (uploaded === null || uploaded !== item.size) return uploaded === null ? null : { size: uploaded, sha256: null, detectedType: null };
      await this.objects.copy(item.uploadKey, item.storageKey, uploaded);
    }
    const object = await this.objects.open(item.storageKey);
    if (!object) return null;
    if (object.size !== item.size) {
      object.body.destroy();
      return { size: object.size, sha256: null, detectedType: null };
    }
    const { size, sha256, head } = await digestStream(object.body);
    return { size, sha256, detectedType: await sniffMediaType(head) };
  }

  /** The upload key is not needed any more; what a client may still PUT there is swept once its URLs expire. */
  private async removeUpload(key: string): Promise<void> {
    try {
      await this.objects.discard(key, null);
    } catch (error) {
      this.logger.warn(`could not remove the upload ${key} yet (the evidence sweep will): ${(error as Error).message}`);
    }
  }
}
