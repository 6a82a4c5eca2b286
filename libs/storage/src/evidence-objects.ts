import { AbortMultipartUploadCommand, CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { storageStatusOf } from './storage-errors';
import { StorageService } from './storage.service';

export interface StoredObject {
  size: number;
  body: Readable;
}

/** S3's CopyObject copies objects up to 5 GiB; larger ones need a multipart copy, which evidence never needs (videos are at most 2 GiB). */
export const COPY_OBJECT_MAX_BYTES = 5 * 1024 ** 3;

/** Reading and removing evidence objects, for the evidence service and the workers alike. */
@Injectable()
export class EvidenceObjects {
  private readonly logger = new Logger(EvidenceObjects.name);

  constructor(private readonly storage: StorageService) {}

  /** The object as a stream, or null when there is none. The caller reads or destroys `body`. */
  async open(key: string): Promise<StoredObject | null> {
    try {
      const object = await this.storage.s3.send(new GetObjectCommand({ Bucket: this.storage.bucket, Key: key }));
      return { size: object.ContentLength ?? 0, body: object.Body as Readable };
    } catch (error) {
      if (storageStatusOf(error) === 404) return null;
      throw error;
    }
  }

  /** The object's size, or null when there is none. */
  async size(key: string): Promise<number | null> {
    try {
      const head = await this.storage.s3.send(new HeadObjectCommand({ Bucket: this.storage.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (storageStatusOf(error) === 404) return null;
      throw error;
    }
  }

  /**
   * A server-side copy (the bytes never pass through this process). `size` is the source's, as `size()` found it:
   * anything over CopyObject's limit is refused here rather than half-way by storage.
   */
  async copy(from: string, to: string, size: number): Promise<void> {
    if (size > COPY_OBJECT_MAX_BYTES) throw new Error(`${from} is ${size} bytes, more than a single CopyObject copies`);
    await this.storage.s3.send(new CopyObjectCommand({ Bucket: this.storage.bucket, Key: to, CopySource: `${this.storage.bucket}/${encodeURI(from)}` }));
  }

  /**
   * Writes an object the services made (a derivative). A stream needs its exact length: it is sent as it is read,
   * never held whole in memory (one PutObject takes up to 5 GiB; derivatives are at most a video's size, 2 GiB).
   */
  async put(key: string, body: Buffer | Readable, contentType: string, length: number): Promise<void> {
    await this.storage.s3.send(new PutObjectCommand({ Bucket: this.storage.bucket, Key: key, Body: body, ContentType: contentType, ContentLength: length }));
  }

  /**
   * A GET URL for the services' own tools (ffmpeg reads a video through it, range by range): signed for the endpoint the
   * services reach storage at, not the public one, and short-lived.
   */
  internalReadUrl(key: string, seconds: number): Promise<string> {
    return getSignedUrl(this.storage.s3, new GetObjectCommand({ Bucket: this.storage.bucket, Key: key }), { expiresIn: seconds });
  }

  /**
   * Removes whatever an upload left behind: its unfinished multipart upload and its object.
   * Some S3-compatible servers cannot abort multipart uploads: their parts stay until the storage's own clean-up
   * (an AbortIncompleteMultipartUpload lifecycle rule) removes them.
   */
  async discard(key: string, uploadId: string | null): Promise<void> {
    if (uploadId) {
      try {
        await this.storage.s3.send(new AbortMultipartUploadCommand({ Bucket: this.storage.bucket, Key: key, UploadId: uploadId }));
      } catch (error) {
        const status = storageStatusOf(error);
        // 404: already completed or aborted. Anything else but "not supported" is worth a retry.
        if (status !== 404 && status !== 405 && status !== 501) throw error;
        if (status !== 404) this.logger.warn(`storage cannot abort multipart uploads (${status}); parts of ${key} stay until the storage cleans them up`);
      }
    }
    // Deleting a key that does not exist succeeds, so this is safe to repeat.
    await this.storage.s3.send(new DeleteObjectCommand({ Bucket: this.storage.bucket, Key: key }));
  }
}
