import { Global, Module } from '@nestjs/common';
import { StorageHealth } from './storage.health';
import { StorageService } from './storage.service';

@Global()
@Module({ providers: [StorageService, StorageHealth], exports: [StorageService, StorageHealth] })
export class StorageModule {}
