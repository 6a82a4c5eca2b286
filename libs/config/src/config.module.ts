import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfigFromProcess } from './app-config';
import { Clock, CLOCK, systemClock } from './clock';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** Tests pass their own config; processes read and validate the environment. */
  static forRoot(config: AppConfig = loadConfigFromProcess(), clock: Clock = systemClock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [APP_CONFIG, CLOCK],
    };
  }
}
