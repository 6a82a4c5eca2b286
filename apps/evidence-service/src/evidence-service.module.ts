import { AppConfig, Clock } from '@app/config';
import { ApiDocument, HttpServiceModule } from '@app/http';
import { DynamicModule, Module } from '@nestjs/common';
import { EvidenceModule } from './evidence/evidence.module';

@ApiDocument({
  title: 'Arbiter evidence service',
  description: 'Evidence of a case: upload sessions straight to storage, verification, downloads (API.md "Evidence service").',
})
@Module({})
export class EvidenceServiceModule {
  /** Tests pass their own config and clock; the process reads the environment. */
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return { module: EvidenceServiceModule, imports: [HttpServiceModule.forRoot(config, clock), EvidenceModule] };
  }
}
