import { Module } from '@nestjs/common';
import { EvidenceDeriver } from './derivatives/evidence-deriver';
import { MediaProcessor } from './derivatives/media.processor';
import { MediaTools } from './derivatives/media-tools';
import { EvidenceProcessor } from './evidence.processor';
import { EvidenceSweep } from './evidence-sweep';
import { EvidenceVerifier } from './evidence-verifier';

@Module({ providers: [EvidenceVerifier, EvidenceSweep, EvidenceProcessor, MediaTools, EvidenceDeriver, MediaProcessor] })
export class EvidenceWorkerModule {}
