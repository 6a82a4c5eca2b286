import { Module } from '@nestjs/common';
import { EvidenceProcessor } from './evidence.processor';
import { EvidenceSweep } from './evidence-sweep';
import { EvidenceVerifier } from './evidence-verifier';

@Module({ providers: [EvidenceVerifier, EvidenceSweep, EvidenceProcessor] })
export class EvidenceWorkerModule {}
