import type { Principal } from '@app/auth';
import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { QueueBackend } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type IORedis from 'ioredis';

/** A login code is used within this long, once. */
export const LOGIN_CODE_TTL_MS = 60_000;
/** A dashboard session ends with the token that asked for it, and after this long at the latest. */
export const SESSION_MAX_MS = 8 * 3600_000;

export interface LoginCode {
  code: string;
  expiresAt: Date;
}

export interface DashboardSession {
  id: string;
  /** Milliseconds it has left. */
  ttlMs: number;
}

/**
 * The queue dashboard's browser login, kept in Redis (the dashboard exists only on the Redis queue backend):
 * an admin's bearer token buys a one-time code valid for a minute; opening the dashboard with it turns the
 * code into a session id that only a cookie carries. Codes and session ids are stored as SHA-256 hashes, so
 * whoever reads Redis gets nothing to log in with. Neither is ever a JWT.
 */
@Injectable()
export class QueueDashboardSessions {
  private readonly keyPrefix: string;

  constructor(
    private readonly backend: QueueBackend,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.keyPrefix = `${config.queues.prefix}:queue-dashboard:`;
  }

  get available(): boolean {
    return this.backend.kind === 'redis';
  }

  async issueLoginCode(admin: Principal): Promise<LoginCode> {
    const code = randomBytes(32).toString('base64url');
    const tokenLeftMs = admin.expiresAt ? admin.expiresAt.getTime() - Date.now() : SESSION_MAX_MS;
    const sessionTtlMs = Math.max(LOGIN_CODE_TTL_MS, Math.min(tokenLeftMs, SESSION_MAX_MS));
    await this.redis().set(this.key('code', code), JSON.stringify({ adminId: admin.id, sessionTtlMs }), 'PX', LOGIN_CODE_TTL_MS);
    return { code, expiresAt: new Date(this.clock.now().getTime() + LOGIN_CODE_TTL_MS) };
  }

  /** Spends a login code (GETDEL: a code opens one session, even when two requests race) and opens its session. */
  async redeem(code: string): Promise<DashboardSession | null> {
    const stored = await this.redis().getdel(this.key('code', code));
    if (!stored) return null;
    const { adminId, sessionTtlMs } = JSON.parse(stored) as { adminId: string; sessionTtlMs: number };
    const id = randomBytes(32).toString('base64url');
    await this.redis().set(this.key('session', id), adminId, 'PX', sessionTtlMs);
    return { id, ttlMs: sessionTtlMs };
  }

  async isOpen(sessionId: string): Promise<boolean> {
    return (await this.redis().exists(this.key('session', sessionId))) === 1;
  }

  private key(kind: 'code' | 'session', secret: string): string {
    return `${this.keyPrefix}${kind}:${createHash('sha256').update(secret).digest('hex')}`;
  }

  private redis(): IORedis {
    const redis = this.backend.redisClient();
    if (!redis) throw new Error('the queue dashboard needs the Redis queue backend');
    return redis;
  }
}
