import { APP_CONFIG, AppConfig } from '@app/config';
import { CreateBucketCommand, HeadBucketCommand, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

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

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.bucket = config.storage.bucket;
    this.s3 = new S3Client(clientConfig(config, config.storage.endpoint));
    this.presigner = new S3Client(clientConfig(config, config.storage.publicEndpoint));
  }

  async onModuleInit(): Promise<void> {
    await this.ensureBucket();
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
