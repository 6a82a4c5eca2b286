import { Global, Module } from '@nestjs/common';
import { EvidenceObjects } from './evidence-objects';
import { StorageHealth } from './storage.health';
import { StorageService } from './storage.service';

@Global()
@Module({ providers: [StorageService, StorageHealth, EvidenceObjects], exports: [StorageService, StorageHealth, EvidenceObjects] })
export class StorageModule {}
