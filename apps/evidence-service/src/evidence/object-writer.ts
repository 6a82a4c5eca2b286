import { EvidenceObjects, StorageService } from '@app/storage';
import { CompleteMultipartUploadCommand, CompletedPart, CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';

/**
 * Writes a stream of unknown length to storage while holding at most one part in memory: a single PutObject
 * when the bytes fit in one part, otherwise a multipart upload sent part by part as the bytes arrive.
 */
export class ObjectWriter {
  /** Set before the first part is full (or before `end`): storage records it with the object. */
  contentType?: string;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private uploadId: string | null = null;
  private readonly parts: CompletedPart[] = [];

  constructor(
    private readonly storage: StorageService,
    private readonly objects: EvidenceObjects,
    readonly key: string,
    private readonly partSize: number,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= this.partSize) await this.sendPart();
  }

  async end(): Promise<void> {
    const { s3, bucket } = this.storage;
    if (this.uploadId === null) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: this.key, Body: this.takePending(), ContentType: this.contentType }));
      return;
    }
    if (this.pendingBytes > 0) await this.sendPart();
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: this.key, UploadId: this.uploadId, MultipartUpload: { Parts: this.parts } }));
  }

  /** Removes whatever was written so far. */
  discard(): Promise<void> {
    return this.objects.discard(this.key, this.uploadId);
  }

  private async sendPart(): Promise<void> {
    const { s3, bucket } = this.storage;
    if (this.uploadId === null) {
      const started = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: this.key, ContentType: this.contentType }));
      this.uploadId = started.UploadId ?? null;
      if (this.uploadId === null) throw new Error(`storage started no multipart upload for ${this.key}`);
    }
    const PartNumber = this.parts.length + 1;
    const sent = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: this.key, UploadId: this.uploadId, PartNumber, Body: this.takePending() }));
    this.parts.push({ PartNumber, ETag: sent.ETag });
  }

  private takePending(): Buffer {
    const body = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    return body;
  }
}
