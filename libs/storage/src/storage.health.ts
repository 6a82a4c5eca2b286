import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { Injectable } from '@nestjs/common';
import { StorageService } from './storage.service';

@Injectable()
export class StorageHealth {
  readonly name = 'storage';
  constructor(private readonly storage: StorageService) {}
  async check(): Promise<void> {
    await this.storage.s3.send(new HeadBucketCommand({ Bucket: this.storage.bucket }));
  }
}
