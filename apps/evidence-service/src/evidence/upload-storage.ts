import { DomainError } from '@app/domain';
import { StorageService, storageStatusOf } from '@app/storage';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Injectable, Logger } from '@nestjs/common';
import { contentDisposition, downloadFileName } from './content-disposition';

export interface StoredPart {
  partNumber: number;
  etag: string;
  size: number;
}

const MAX_PRESIGN_SECONDS = 7 * 24 * 3600; // SigV4's limit
const DOWNLOAD_URL_SECONDS = 300;

export interface PartToSend {
  partNumber: number;
  /** Its exact length in bytes: the last part of an upload is usually shorter. */
  size: number;
}

/** The S3 calls of upload sessions and downloads. Presigned URLs name the endpoint clients reach storage at. */
@Injectable()
export class UploadStorage {
  private readonly logger = new Logger(UploadStorage.name);

  constructor(private readonly storage: StorageService) {}

  async startMultipart(key: string, contentType: string): Promise<string> {
    const started = await this.storage.s3.send(new CreateMultipartUploadCommand({ Bucket: this.storage.bucket, Key: key, ContentType: contentType }));
    if (!started.UploadId) throw new Error(`storage started no multipart upload for ${key}`);
    return started.UploadId;
  }

  /**
   * A PUT of exactly `size` bytes of `contentType`: both headers are signed, so storage refuses any other length
   * or type (the client sends the type as the upload answer's `headers` say; the length follows from the body).
   */
  presignPut(key: string, contentType: string, size: number, expiresAt: Date, now: Date): Promise<string> {
    const command = new PutObjectCommand({ Bucket: this.storage.bucket, Key: key, ContentType: contentType, ContentLength: size });
    return getSignedUrl(this.storage.presigner, command, { ...signing(expiresAt, now), signableHeaders: new Set(['content-type', 'content-length']) });
  }

  /** One URL per part, each signing its part's exact length: no part can hold more than its share of the declared size. */
  presignParts(key: string, uploadId: string, parts: PartToSend[], expiresAt: Date, now: Date): Promise<Array<{ partNumber: number; url: string }>> {
    return Promise.all(
      parts.map(async ({ partNumber, size }) => {
        const command = new UploadPartCommand({ Bucket: this.storage.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: size });
        return { partNumber, url: await getSignedUrl(this.storage.presigner, command, { ...signing(expiresAt, now), signableHeaders: new Set(['content-length']) }) };
      }),
    );
  }

  /**
   * A GET valid five minutes, served as an attachment with the type the bytes were found to be, under a name with
   * that type's extension: a browser saves it, never renders it. (S3 lets a presigned GET set neither
   * X-Content-Type-Options nor other headers; attachment and the exact type are what it can set.)
   */
  presignDownload(key: string, fileName: string, contentType: string): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.storage.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(downloadFileName(fileName, contentType)),
      ResponseContentType: contentType,
    });
    return getSignedUrl(this.storage.presigner, command, { expiresIn: DOWNLOAD_URL_SECONDS });
  }

  /**
   * A GET valid five minutes, served inline for `<img>`, `<video>` and PDF viewers, always with the type the service
   * found or made, never one a client chose (API.md `links`). Signed at `now`, so `expiresAt` is exact.
   */
  async presignInline(key: string, contentType: string, now: Date): Promise<{ url: string; contentType: string; expiresAt: string }> {
    const command = new GetObjectCommand({ Bucket: this.storage.bucket, Key: key, ResponseContentDisposition: 'inline', ResponseContentType: contentType });
    const url = await getSignedUrl(this.storage.presigner, command, { signingDate: now, expiresIn: DOWNLOAD_URL_SECONDS });
    return { url, contentType, expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
  }

  /** The parts storage holds for a multipart upload, or null when this storage cannot list them (not every S3-compatible server can). */
  async listParts(key: string, uploadId: string): Promise<StoredPart[] | null> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    try {
      do {
        const page = await this.storage.s3.send(new ListPartsCommand({ Bucket: this.storage.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }));
        for (const p of page.Parts ?? []) parts.push({ partNumber: p.PartNumber ?? 0, etag: p.ETag ?? '', size: p.Size ?? 0 });
        marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
      } while (marker);
      return parts;
    } catch (error) {
      this.logger.warn(`storage could not list the parts of ${key} (${storageStatusOf(error) ?? (error as Error).message}); the client gets every part again`);
      return null;
    }
  }

  /** Joins the parts; a refusal caused by the parts given (missing, wrong ETag, too small) is the client's to fix. */
  async completeMultipart(key: string, uploadId: string, parts: ReadonlyArray<{ partNumber: number; etag: string }>): Promise<void> {
    const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag }));
    try {
      await this.storage.s3.send(
        new CompleteMultipartUploadCommand({ Bucket: this.storage.bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: ordered } }),
      );
    } catch (error) {
      const status = storageStatusOf(error);
      if (status === undefined || status >= 500) throw error;
      throw new DomainError('validation_failed', `Storage refused the parts (${(error as Error).name}); resume the upload and send them again`, 'parts');
    }
  }
}

/** Signed at `now` (the service's clock) to expire at `expiresAt`, so the URL lives exactly as long as the answer says. */
function signing(expiresAt: Date, now: Date): { signingDate: Date; expiresIn: number } {
  return { signingDate: now, expiresIn: Math.min(MAX_PRESIGN_SECONDS, Math.max(1, Math.floor((expiresAt.getTime() - now.getTime()) / 1000))) };
}
