import { Clock, CLOCK } from '@app/config';
import { EvidenceEntity, EvidenceStore } from '@app/database';
import { digestStream, EvidenceObjects, sniffMediaType } from '@app/storage';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { judge, Observed, Verdict } from './verdict';

/**
 * Checks an uploaded object against what its uploader declared, by streaming it from storage once
 * (constant memory whatever its size), then makes the item available or rejects it and removes the object.
 */
@Injectable()
export class EvidenceVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly objects: EvidenceObjects,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A late or repeated job finds the item no longer `verifying` and does nothing. */
  async verify(evidenceId: string): Promise<Verdict | null> {
    const item = await this.dataSource.manager.findOneBy(EvidenceEntity, { id: evidenceId });
    if (item?.status !== 'verifying') return null;
    const verdict = judge(item, await this.observe(item));
    if (verdict.accepted) {
      await this.dataSource.transaction((manager) => EvidenceStore.makeAvailable(manager, item, verdict.detectedType, this.clock.now()));
    } else {
      // Object first: if removing it fails the job is retried, and the item is still `verifying` to retry on.
      await this.objects.discard(item.storageKey, null);
      await EvidenceStore.move(this.dataSource.manager, item, 'rejected', { rejectionReason: verdict.reason });
    }
    return verdict;
  }

  private async observe(item: EvidenceEntity): Promise<Observed> {
    const object = await this.objects.open(item.storageKey);
    if (!object) return null;
    if (object.size !== item.size) {
      // Its size already condemns it: no need to read the bytes.
      object.body.destroy();
      return { size: object.size, sha256: null, detectedType: null };
    }
    const { size, sha256, head } = await digestStream(object.body);
    return { size, sha256, detectedType: await sniffMediaType(head) };
  }
}
