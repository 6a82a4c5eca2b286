import { Principal } from '@app/auth';
import { Clock, CLOCK } from '@app/config';
import { EvidenceStore } from '@app/database';
import { DomainError, EvidenceKind } from '@app/domain';
import { evidenceKey, evidenceKindOf, EvidenceObjects, normalizeMediaType, ObjectDigest, sniffMediaType, StorageService } from '@app/storage';
import { IdempotencyRecords, idempotencyKeyOf, requestHash } from '@app/http';
import { EvidenceJobs } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertWithinSizeLimit, caseOpenForUpload } from './evidence-access';
import { EvidenceView, toEvidenceView } from './evidence.view';
import { FormLimits, IncomingFile, readMultipartForm } from './multipart-form';
import { newEvidence } from './new-evidence';
import { ObjectWriter } from './object-writer';

const MIB = 1024 * 1024;
/** API.md: a direct upload is at most 25 MiB. */
export const DIRECT_UPLOAD_MAX_BYTES = 25 * MIB;
// Most photos and chat logs fit in one part: one PutObject. Larger files hold one part in memory at a time.
const PART_SIZE = 8 * MIB;
const DESCRIPTION_MAX_CHARS = 2000;
// What clients such as curl send for a file whose type they do not know: no declaration at all.
const UNDECLARED = new Set(['', 'application/octet-stream']);

/** What a direct upload means, for its Idempotency-Key: the file's name, declared type and bytes (by SHA-256). */
interface FileContent {
  fileName: string;
  mediaType: string;
  sha256: string;
}

interface StoredFile extends FileContent {
  declaredType: string | null;
  detectedType: string;
  kind: EvidenceKind;
  size: number;
  sha256: string;
}

const FORM: FormLimits = { fileField: 'file', maxFileBytes: DIRECT_UPLOAD_MAX_BYTES, maxFieldBytes: 4 * DESCRIPTION_MAX_CHARS + 1 };

/**
 * `curl -F file=@photo.jpg`: the body is streamed to storage while it is hashed and sniffed, and the item is
 * available at once, since the service has seen every byte itself.
 *
 * Idempotency-Key: the request's content is known only once streamed, so this handler settles the key itself
 * (the interceptor hashes JSON bodies). The same file (name, type, SHA-256) and description replays the first
 * answer; another file is 422. A key already used is checked by hashing the body as it streams, storing nothing.
 */
@Injectable()
export class DirectUploadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: StorageService,
    private readonly objects: EvidenceObjects,
    private readonly idempotency: IdempotencyRecords,
    private readonly jobs: EvidenceJobs,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async upload(user: Principal, caseId: string, req: Request, res: Response): Promise<EvidenceView> {
    const idempotencyKey = idempotencyKeyOf(req);
    const used = idempotencyKey && (await this.idempotency.find(user.id, idempotencyKey));
    if (used) {
      const form = await readMultipartForm(req, FORM, (file) => digestOnly(file));
      return (await this.idempotency.replay(user.id, idempotencyKey, contentHash(req, form), res, used)) as EvidenceView;
    }
    // Refused before a byte is read when the caller may not add evidence here now.
    await this.dataSource.transaction((manager) => caseOpenForUpload(manager, user, caseId, this.clock.now()));
    const id = randomUUID();
    const key = evidenceKey(caseId, id);
    try {
      const form = await readMultipartForm(req, FORM, (file) => this.store(key, file));
      const record = async () => {
        const view = await this.record(user, caseId, id, form.file, validDescription(form.fields.description));
        // Available at once; its derivatives follow from the workers.
        await this.jobs.derive(id);
        return view;
      };
      if (!idempotencyKey) return await record();
      const hash = contentHash(req, form);
      if (!(await this.idempotency.claim(user.id, idempotencyKey, hash))) {
        // The same key came in twice at once: the other request's answer stands.
        await this.objects.discard(key, null);
        return (await this.idempotency.replay(user.id, idempotencyKey, hash, res)) as EvidenceView;
      }
      return await this.idempotency.settle(user.id, idempotencyKey, res, record);
    } catch (error) {
      // A refused upload keeps nothing, whenever it was refused.
      await this.objects.discard(key, null);
      throw error;
    }
  }

  /** The item, available, with `case.evidence_added`. */
  private record(user: Principal, caseId: string, id: string, file: StoredFile, description: string | null): Promise<EvidenceView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      // Checked again: the window may have closed or the limit filled while the bytes were arriving.
      const { caseRow, party } = await caseOpenForUpload(manager, user, caseId, now);
      assertWithinSizeLimit(caseRow, file.kind, file.size, 'file');
      const item = newEvidence({
        id,
        caseId,
        uploadedBy: user.id,
        party,
        fileName: file.fileName,
        declaredType: file.declaredType ?? file.detectedType,
        detectedType: file.detectedType,
        kind: file.kind,
        size: file.size,
        sha256: file.sha256,
        description,
        status: 'available',
        createdAt: now,
        availableAt: now,
      });
      await EvidenceStore.insert(manager, item);
      await EvidenceStore.recordAdded(manager, item, now);
      return toEvidenceView(item, { showMetadata: true });
    });
  }

  /** Streams the file to storage, hashing it; refuses it (415) as soon as its first bytes show a type not accepted. */
  private async store(key: string, file: IncomingFile): Promise<StoredFile> {
    const declaredType = UNDECLARED.has(file.mediaType) ? null : normalizeMediaType(file.mediaType);
    if (declaredType && !evidenceKindOf(declaredType)) {
      throw new DomainError('unsupported_media_type', `${declaredType} is not an accepted evidence type`, 'file');
    }
    const digest = new ObjectDigest();
    const writer = new ObjectWriter(this.storage, this.objects, key, PART_SIZE);
    try {
      for await (const chunk of file.stream) {
        digest.update(chunk as Buffer);
        if (!writer.contentType && digest.headComplete) writer.contentType = await acceptedType(digest.head, declaredType);
        await writer.write(chunk as Buffer);
      }
      writer.contentType ??= await acceptedType(digest.head, declaredType);
      await writer.end();
    } catch (error) {
      await writer.discard();
      throw error;
    }
    const detectedType = writer.contentType;
    return {
      fileName: file.fileName,
      mediaType: file.mediaType,
      declaredType,
      detectedType,
      kind: evidenceKindOf(detectedType)!,
      size: digest.size,
      sha256: digest.sha256(),
    };
  }
}

/** A file read only to know what it is: hashed as it streams, kept nowhere. */
async function digestOnly(file: IncomingFile): Promise<FileContent> {
  const digest = new ObjectDigest(0);
  for await (const chunk of file.stream) digest.update(chunk as Buffer);
  return { fileName: file.fileName, mediaType: file.mediaType, sha256: digest.sha256() };
}

function contentHash(req: Request, form: { fields: Record<string, string>; file: FileContent }): string {
  const { fileName, mediaType, sha256 } = form.file;
  return requestHash(req, { file: { fileName, mediaType, sha256 }, description: form.fields.description ?? null });
}

/** The sniffed type, when it is accepted and of the kind the client declared (if it declared one). */
async function acceptedType(head: Buffer, declaredType: string | null): Promise<string> {
  const detected = await sniffMediaType(head);
  const kind = detected && evidenceKindOf(detected);
  if (!detected || !kind) {
    throw new DomainError('unsupported_media_type', `The file's content (${detected ?? 'unknown'}) is not an accepted evidence type`, 'file');
  }
  if (declaredType && evidenceKindOf(declaredType) !== kind) {
    throw new DomainError('unsupported_media_type', `The file was declared ${declaredType} but its content is ${detected}`, 'file');
  }
  return detected;
}

function validDescription(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.length < 1 || value.length > DESCRIPTION_MAX_CHARS) {
    throw new DomainError('validation_failed', `description must be 1 to ${DESCRIPTION_MAX_CHARS} characters`, 'description');
  }
  return value;
}
