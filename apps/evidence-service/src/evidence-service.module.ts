import { AppConfig, Clock } from '@app/config';
import { HttpServiceModule } from '@app/http';
import { DynamicModule, Module } from '@nestjs/common';
import { EvidenceModule } from './evidence/evidence.module';

@Module({})
export class EvidenceServiceModule {
  /** Tests pass their own config and clock; the process reads the environment. */
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return { module: EvidenceServiceModule, imports: [HttpServiceModule.forRoot(config, clock), EvidenceModule] };
  }
}
