import { IS_PUBLIC, Principal } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueueBackend } from '@app/queues';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type IORedis from 'ioredis';

const WINDOW_MS = 60_000;

/** A fixed one-minute window per caller in Redis, so every instance of an app counts the same requests. */
class RedisRateLimitStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: IORedis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const redisKey = `${this.prefix}:rate-limit:${key}`;
    const [[, hits], [, remaining]] = (await this.redis.multi().incr(redisKey).pttl(redisKey).exec()) as [[null, number], [null, number]];
    if (remaining < 0) await this.redis.pexpire(redisKey, ttl);
    const timeToExpire = Math.ceil((remaining < 0 ? ttl : remaining) / 1000);
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}

/**
 * RATE_LIMIT_PER_MINUTE requests per caller (the token's subject; the address before sign-in) per minute,
 * then 429 rate_limited with Retry-After. Counted in Redis; in memory on the PostgreSQL queue backend.
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG, QueueBackend],
  useFactory: (config: AppConfig, backend: QueueBackend) => {
    const redis = backend.redisClient();
    return {
      throttlers: [{ ttl: WINDOW_MS, limit: config.http.rateLimitPerMinute }],
      ...(redis && { storage: new RedisRateLimitStorage(redis, config.queues.prefix) }),
    };
  },
});

/** Runs after the auth guard, so callers are counted by who they are. Health and docs are never limited. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const limit = this.throttlers[0]?.limit;
    if (limit === 0) return true;
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ?? false;
  }

  protected override async getTracker(req: { user?: Principal; ip?: string }): Promise<string> {
    return req.user ? `user:${req.user.id}` : `ip:${req.ip}`;
  }
}
