import { IdempotencyRecords } from '@app/http';
import { Module } from '@nestjs/common';
import { DirectUploadService } from './direct-upload.service';
import { EvidenceQueriesService } from './evidence-queries.service';
import { EvidenceController } from './evidence.controller';
import { UploadSessionsService } from './upload-sessions.service';
import { UploadStorage } from './upload-storage';

@Module({
  controllers: [EvidenceController],
  providers: [UploadSessionsService, DirectUploadService, EvidenceQueriesService, UploadStorage, IdempotencyRecords],
})
export class EvidenceModule {}
