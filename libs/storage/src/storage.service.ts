import { APP_CONFIG, AppConfig } from '@app/config';
import {
  CORSRule,
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadBucketCommand,
  LifecycleRule,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  S3Client,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { storageStatusOf } from './storage-errors';
import { abortAfterDays, withAbortRule } from './upload-lifecycle';

/**
 * Two clients on the same bucket: `s3` talks to storage from the services; `presigner` signs URLs
 * with the address clients reach storage at (S3_PUBLIC_ENDPOINT), which may differ behind Docker or a proxy.
 */
@Injectable()
export class StorageService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StorageService.name);
  readonly s3: S3Client;
  readonly presigner: S3Client;
  readonly bucket: string;
  private readonly uploadTtl: string;
  private readonly consoleOrigins: string[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.bucket = config.storage.bucket;
    this.uploadTtl = config.evidence.uploadTtl;
    this.consoleOrigins = config.console.origins;
    this.s3 = new S3Client(clientConfig(config, config.storage.endpoint));
    this.presigner = new S3Client(clientConfig(config, config.storage.publicEndpoint));
  }

  async onModuleInit(): Promise<void> {
    await this.ensureBucket();
    await this.ensureUploadLifecycle();
    await this.ensureCors();
  }

  onModuleDestroy(): void {
    this.s3.destroy();
    this.presigner.destroy();
  }

  async ensureBucket(): Promise<void> {
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
      try {
        await this.s3.send(new CreateBucketCommand({ Bucket: this.bucket }));
        this.logger.log(`Created bucket ${this.bucket}`);
      } catch (createError) {
        // Several processes boot at once; whoever creates the bucket first wins, and that is fine.
        const name = (createError as Error).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw createError;
      }
    }
  }

  /**
   * Where the storage supports lifecycle rules, it aborts multipart uploads never completed by itself
   * (AbortIncompleteMultipartUpload): parts the evidence sweep could not abort (a storage without
   * AbortMultipartUpload, a process that died mid-upload) do not stay forever. Where it does not, or the
   * credentials may not set rules, the services say so and go on.
   */
  async ensureUploadLifecycle(): Promise<void> {
    try {
      const rules = withAbortRule(await this.lifecycleRules(), abortAfterDays(this.uploadTtl));
      if (rules) await this.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: this.bucket, LifecycleConfiguration: { Rules: rules } }));
    } catch (error) {
      this.logger.warn(
        `could not set the lifecycle rule that aborts incomplete multipart uploads on ${this.bucket} (${storageStatusOf(error) ?? ''} ${(error as Error).name}); ` +
          'abandoned uploads are aborted by the evidence sweep only',
      );
    }
  }

  private async lifecycleRules(): Promise<LifecycleRule[]> {
    try {
      return (await this.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: this.bucket }))).Rules ?? [];
    } catch (error) {
      if ((error as Error).name === 'NoSuchLifecycleConfiguration') return [];
      throw error;
    }
  }

  /**
   * Browsers send evidence straight to storage: the console's origins may PUT (and must read the ETag of each
   * part, or they cannot name the parts to complete). Pictures and videos are shown from presigned inline links
   * (`<img>`, `<video>`: no CORS at all); the console reads bytes itself only to show a chat log and to save a
   * file under its name, with a plain GET from its own origin, so GET is allowed to those origins alone. (It no
   * longer follows the download redirect, whose request arrived with `Origin: null`.) A storage without
   * PutBucketCors (MinIO) is logged and left as it is.
   */
  async ensureCors(): Promise<void> {
    try {
      await this.s3.send(new PutBucketCorsCommand({ Bucket: this.bucket, CORSConfiguration: { CORSRules: bucketCorsRules(this.consoleOrigins) } }));
    } catch (error) {
      this.logger.warn(`Could not set the bucket's CORS rules (${(error as Error).name}): browsers may be unable to upload evidence unless storage allows ${this.consoleOrigins.join(', ')}`);
    }
  }
}

export function bucketCorsRules(origins: string[]): CORSRule[] {
  return [
    { AllowedOrigins: origins, AllowedMethods: ['PUT'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3600 },
    { AllowedOrigins: origins, AllowedMethods: ['GET'], MaxAgeSeconds: 3600 },
  ];
}

function clientConfig(config: AppConfig, endpoint: string): S3ClientConfig {
  return {
    endpoint,
    region: config.storage.region,
    forcePathStyle: config.storage.forcePathStyle,
    credentials: { accessKeyId: config.storage.accessKeyId, secretAccessKey: config.storage.secretAccessKey },
    // The SDK's newer defaults frame streamed bodies as aws-chunked and sign an empty-body CRC32
    // into presigned PUTs; S3-compatible servers store the framing or reject the URL (STACK-NOTES.md).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}
