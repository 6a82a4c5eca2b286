import { APP_CONFIG, AppConfig, Clock } from '@app/config';
import { ApiDocument, corsFor, HttpServiceModule } from '@app/http';
import { DynamicModule, Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { EvidenceModule } from './evidence/evidence.module';

@ApiDocument({
  title: 'Arbiter evidence service',
  description: 'Evidence of a case: upload sessions straight to storage, verification, downloads (API.md "Evidence service").',
})
@Module({})
export class EvidenceServiceModule implements NestModule {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Tests pass their own config and clock; the process reads the environment. */
  static forRoot(config?: AppConfig, clock?: Clock): DynamicModule {
    return { module: EvidenceServiceModule, imports: [HttpServiceModule.forRoot(config, clock), EvidenceModule] };
  }

  /** The web console calls this service from its own origin (CONSOLE_ORIGINS). */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(corsFor(this.config.console.origins)).forRoutes('{*path}');
  }
}
