import { CurrentUser, Principal, Roles } from '@app/auth';
import { EmptyBodyDto, Operation, ProblemException } from '@app/http';
import { Body, Controller, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ADMIN_QUEUES_PATH, LOGIN_PATH } from './admin-session.middleware';
import { QueueDashboardSessions } from './queue-dashboard-sessions';
import { QueueDashboardLoginView } from './queue-dashboard.view';

@ApiTags('admin')
@Roles('admin')
@Controller('v1/admin/queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly sessions: QueueDashboardSessions) {}

  /** A browser cannot send a bearer token when it opens a page: it gets a one-time login URL instead. */
  @Post('sessions')
  @Operation({ id: 'createQueueDashboardSession', summary: 'A one-time login URL for the queue dashboard (admin)', problems: ['not_found'] })
  @ApiCreatedResponse({ type: QueueDashboardLoginView, description: 'a one-time login URL for the queue dashboard, valid for a minute' })
  async createSession(@CurrentUser() admin: Principal, @Body() _nothing: EmptyBodyDto, @Req() req: Request): Promise<QueueDashboardLoginView> {
    if (!this.sessions.available) throw new ProblemException('not_found', 'The queue dashboard is off: it needs the Redis queue backend');
    const { code, expiresAt } = await this.sessions.issueLoginCode(admin);
    // The address the admin called (behind a proxy, TRUST_PROXY makes it the public one).
    const url = `${req.protocol}://${req.host}${ADMIN_QUEUES_PATH}${LOGIN_PATH}?code=${code}`;
    return { url, expiresAt: expiresAt.toISOString() };
  }
}
