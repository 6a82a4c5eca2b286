import { TokenVerifier } from '@app/auth';
import { QUEUES, QueueBackend } from '@app/queues';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { adminTokenMiddleware } from './admin-token.middleware';

export const ADMIN_QUEUES_PATH = '/admin/queues';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for admins. Mounted on the Express instance while the
 * app initialises, before Nest adds its not-found handler, so Express strips the mount path for the board.
 */
@Module({})
export class AdminQueuesModule implements OnModuleInit {
  private readonly logger = new Logger(AdminQueuesModule.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly backend: QueueBackend,
    private readonly verifier: TokenVerifier,
  ) {}

  onModuleInit(): void {
    if (this.backend.kind !== 'redis') {
      this.logger.warn('The queue dashboard needs the Redis queue backend; /admin/queues is off.');
      return;
    }
    const board = new ExpressAdapter().setBasePath(ADMIN_QUEUES_PATH);
    createBullBoard({
      queues: Object.values(QUEUES).map((name) => new BullMQAdapter(this.backend.queue(name))),
      serverAdapter: board,
    });
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use(ADMIN_QUEUES_PATH, adminTokenMiddleware(this.verifier, ADMIN_QUEUES_PATH), board.getRouter());
  }
}
