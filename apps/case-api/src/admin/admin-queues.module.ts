import { TokenVerifier } from '@app/auth';
import { QUEUES, QueueBackend } from '@app/queues';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { ADMIN_QUEUES_PATH, adminSessionMiddleware } from './admin-session.middleware';
import { QueueDashboardController } from './queue-dashboard.controller';
import { QueueDashboardSessions } from './queue-dashboard-sessions';

/**
 * The BullMQ dashboard (bull-board) at /admin/queues, for admins, read-only. Mounted on the Express instance
 * while the app initialises, before Nest adds its not-found handler, so Express strips the mount path for
 * the board. Browsers log in through POST /v1/admin/queue-dashboard/sessions.
 */
@Module({ controllers: [QueueDashboardController], providers: [QueueDashboardSessions] })
export class AdminQueuesModule implements OnModuleInit {
  private readonly logger = new Logger(AdminQueuesModule.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly backend: QueueBackend,
    private readonly verifier: TokenVerifier,
    private readonly sessions: QueueDashboardSessions,
  ) {}

  onModuleInit(): void {
    if (this.backend.kind !== 'redis') {
      this.logger.warn('The queue dashboard needs the Redis queue backend; /admin/queues is off.');
      return;
    }
    const board = new ExpressAdapter().setBasePath(ADMIN_QUEUES_PATH);
    createBullBoard({
      queues: Object.values(QUEUES).map((name) => new BullMQAdapter(this.backend.queue(name), { readOnlyMode: true })),
      serverAdapter: board,
    });
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use(ADMIN_QUEUES_PATH, adminSessionMiddleware(this.verifier, this.sessions), board.getRouter());
  }
}
