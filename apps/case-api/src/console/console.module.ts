import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { ConsoleController } from './console.controller';
import { consoleRouter } from './console-files';

/**
 * The web console (CONSOLE.md), served by the case API: its settings and development identities as
 * documented routes, and its files mounted on the Express instance (as the queue dashboard is), outside
 * the API's guards: the files are public, the API calls they make carry the user's token.
 */
@Module({ controllers: [ConsoleController] })
export class ConsoleModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.getInstance<Express>().use(consoleRouter(this.config));
  }
}
