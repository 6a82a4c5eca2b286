import { Principal } from '@app/auth';
import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { EvidenceEntity, EvidenceStore } from '@app/database';
import { addDuration, DomainError, EvidenceKind } from '@app/domain';
import { EvidenceJobs } from '@app/queues';
import { evidenceKindOf, EvidenceObjects, evidenceUploadKey } from '@app/storage';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CompleteUploadDto } from './dto/complete-upload.dto';
import { CreateUploadDto } from './dto/create-upload.dto';
import { assertWithinSizeLimit, caseOpenForUpload, findPendingUpload } from './evidence-access';
import { EvidenceView, toEvidenceView, UploadSessionView, UploadView } from './evidence.view';
import { newEvidence } from './new-evidence';
import { assertCompleteParts, missingParts, partSizeFor, uploadUrlsExpiry } from './upload-plan';
import { StoredPart, UploadStorage } from './upload-storage';

/**
 * Upload sessions: the client sends the bytes straight to storage; the service only signs, then verifies.
 * The URLs name the item's upload key, never the key its verified bytes are served from (verification copies
 * them there), and each lives EVIDENCE_UPLOAD_URL_TTL: resuming hands out fresh ones.
 */
@Injectable()
export class UploadSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: UploadStorage,
    private readonly objects: EvidenceObjects,
    private readonly jobs: EvidenceJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(user: Principal, caseId: string, dto: CreateUploadDto): Promise<UploadSessionView> {
    const kind = acceptedKind(dto.contentType);
    const now = this.clock.now();
    const multipart = dto.size > this.config.evidence.singlePutMax;
    const expiresAt = addDuration(now, this.config.evidence.uploadTtl);
    const item = await this.dataSource.transaction(async (manager) => {
      const { caseRow, party } = await caseOpenForUpload(manager, user, caseId, now);
      assertWithinSizeLimit(caseRow, kind, dto.size, 'size');
      const id = randomUUID();
      const row = newEvidence({
        id,
        caseId,
        uploadedBy: user.id,
        party,
        fileName: dto.fileName,
        declaredType: dto.contentType,
        kind,
        size: dto.size,
        sha256: dto.sha256.toLowerCase(),
        description: dto.description ?? null,
        status: 'pending_upload',
        partSize: multipart ? partSizeFor(dto.size) : null,
        uploadKey: evidenceUploadKey(caseId, id),
        uploadUrlsExpireAt: uploadUrlsExpiry(now, expiresAt, this.config.evidence.uploadUrlTtl),
        expiresAt,
        createdAt: now,
      });
      await EvidenceStore.insert(manager, row);
      return row;
    });
    // Started after the commit, so no storage call runs while the case row is locked.
    if (multipart) item.uploadId = await this.startMultipart(item);
    return { evidence: toEvidenceView(item, { showMetadata: true }), upload: await this.uploadOf(item, now) };
  }

  /** The upload again, with fresh URLs (a new lifetime) for every part storage does not hold yet. */
  async resume(user: Principal, id: string): Promise<UploadView> {
    const now = this.clock.now();
    const item = await findPendingUpload(this.dataSource.manager, user, id, now);
    // Recorded before the URLs are handed out: the stray-upload sweep must not think them expired too early.
    item.uploadUrlsExpireAt = uploadUrlsExpiry(now, item.expiresAt!, this.config.evidence.uploadUrlTtl);
    await this.dataSource.manager.update(EvidenceEntity, { id: item.id }, { uploadUrlsExpireAt: item.uploadUrlsExpireAt });
    if (!item.uploadId) return this.uploadOf(item, now);
    // A storage that cannot list parts gets every part again: re-sending a part replaces it, so nothing is lost.
    const stored = (await this.storage.listParts(item.uploadKey!, item.uploadId)) ?? [];
    return this.uploadOf(item, now, stored);
  }

  /**
   * Finishes a multipart upload and hands the object to the workers' verification: 202, `verifying`. The uploader's
   * evidence window is checked again now (DOMAIN.md "Evidence"): an upload completed after it closed is rejected
   * (`window_closed`), its bytes removed, and the caller told 409 `evidence_window_closed`.
   */
  async complete(user: Principal, id: string, dto: CompleteUploadDto): Promise<EvidenceView> {
    const now = this.clock.now();
    const item = await findPendingUpload(this.dataSource.manager, user, id, now);
    if (!(await this.dataSource.transaction((manager) => EvidenceStore.uploaderWindowOpen(manager, item, now)))) {
      await this.rejectTooLate(item);
      throw new DomainError('evidence_window_closed', `The ${item.party}'s evidence window closed before the upload was completed`);
    }
    if (item.uploadId) {
      const parts = dto.parts ?? (await this.partsListedBy(item.uploadKey!, item.uploadId));
      assertCompleteParts(item.size, item.partSize!, parts);
      await this.storage.completeMultipart(item.uploadKey!, item.uploadId, parts);
    }
    if (!(await EvidenceStore.move(this.dataSource.manager, item, 'verifying', { completedAt: now }))) {
      throw new DomainError('invalid_state', 'The upload was completed or expired meanwhile');
    }
    await this.jobs.verify(item.id);
    return toEvidenceView({ ...item, status: 'verifying', completedAt: now }, { showMetadata: true });
  }

  /** Storage first: should removing the bytes fail, the item is still pending and the caller may try again. */
  private async rejectTooLate(item: EvidenceEntity): Promise<void> {
    await this.objects.discard(item.uploadKey!, item.uploadId);
    await EvidenceStore.move(this.dataSource.manager, item, 'rejected', { rejectionReason: 'window_closed' });
  }

  private async startMultipart(item: EvidenceEntity): Promise<string> {
    try {
      const uploadId = await this.storage.startMultipart(item.uploadKey!, item.declaredType);
      await this.dataSource.manager.update(EvidenceEntity, { id: item.id }, { uploadId });
      return uploadId;
    } catch (error) {
      // A session storage would not start must not hold one of the party's places until it expires.
      await this.dataSource.manager.delete(EvidenceEntity, { id: item.id, status: 'pending_upload' });
      throw error;
    }
  }

  private async partsListedBy(key: string, uploadId: string): Promise<StoredPart[]> {
    const listed = await this.storage.listParts(key, uploadId);
    if (!listed) throw new DomainError('validation_failed', 'This storage cannot list uploaded parts: send them in `parts`', 'parts');
    return listed;
  }

  /** Where and how to send the bytes, with URLs signed now that expire at `item.uploadUrlsExpireAt`. */
  private async uploadOf(item: EvidenceEntity, now: Date, stored?: StoredPart[]): Promise<UploadView> {
    const urlsExpireAt = item.uploadUrlsExpireAt!;
    const expiry = { expiresAt: urlsExpireAt.toISOString(), sessionExpiresAt: item.expiresAt!.toISOString() };
    if (!item.uploadId) {
      return {
        method: 'PUT',
        url: await this.storage.presignPut(item.uploadKey!, item.declaredType, item.size, urlsExpireAt, now),
        // Content-Type is signed: it must be sent exactly so. Content-Length is signed too; it follows from the body.
        headers: { 'Content-Type': item.declaredType },
        ...expiry,
      };
    }
    const partSize = item.partSize!;
    return {
      method: 'multipart',
      uploadId: item.uploadId,
      partSize,
      parts: await this.storage.presignParts(item.uploadKey!, item.uploadId, missingParts(item.size, partSize, stored ?? []), urlsExpireAt, now),
      ...(stored && { uploadedParts: stored }),
      ...expiry,
    };
  }
}

function acceptedKind(contentType: string): EvidenceKind {
  const kind = evidenceKindOf(contentType);
  if (!kind) throw new DomainError('unsupported_media_type', `${contentType} is not an accepted evidence type`, 'contentType');
  return kind;
}
