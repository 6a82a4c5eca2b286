import { IS_PUBLIC, TokenVerifier } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ExecutionContext, Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerModuleOptions,
  ThrottlerStorage,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { Request } from 'express';
import IORedis from 'ioredis';
import { HttpMetrics } from './http-metrics';

const WINDOW_MS = 60_000;
// A limiter that waits on Redis would make every request as slow as the outage: fail fast, let through.
const REDIS_COMMAND_TIMEOUT_MS = 500;
const NOT_COUNTED: ThrottlerStorageRecord = { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };

/**
 * The limiter's counters: a fixed one-minute window per caller in Redis, so every instance of both apps counts
 * the same requests (in memory on the PostgreSQL queue backend). When Redis does not answer, the request is let
 * through: a limiter must not turn a Redis outage into an API outage. The outage is logged once when it starts
 * and once when it ends, and counted in /metrics.
 */
@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly redis?: IORedis;
  private readonly memory = new ThrottlerStorageService();
  private readonly keyPrefix: string;
  private outage = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: HttpMetrics,
  ) {
    this.keyPrefix = `${config.queues.prefix}:rate-limit:`;
    if (config.queues.backend === 'redis' && config.http.rateLimitPerMinute > 0) {
      // Its own connection: no offline queue, no retries, a short timeout (the queues' connection waits instead).
      this.redis = new IORedis(config.queues.redisUrl!, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        connectTimeout: 2_000,
      });
      // Reconnection errors repeat every few seconds; the outage itself is logged once, in unanswered().
      this.redis.on('error', () => undefined);
    }
  }

  async onModuleInit(): Promise<void> {
    // Both modules that import the store's module call this hook; connect once.
    if (this.redis?.status !== 'wait') return;
    try {
      await this.redis.connect();
      this.answered();
    } catch (error) {
      this.unanswered(error);
    }
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
    this.memory.onApplicationShutdown();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttler: string): Promise<ThrottlerStorageRecord> {
    if (!this.redis) return this.memory.increment(key, ttl, limit, blockDuration, throttler);
    let hits: number;
    let remaining: number;
    try {
      const redisKey = this.keyPrefix + key;
      // One round trip, atomic: start the window if there is none, count, read how long the window still runs.
      const replies = await this.redis.multi().set(redisKey, 0, 'PX', ttl, 'NX').incr(redisKey).pttl(redisKey).exec();
      const failed = replies?.find(([error]) => error)?.[0];
      if (!replies || failed) throw failed ?? new Error('the transaction was discarded');
      [hits, remaining] = [replies[1][1] as number, replies[2][1] as number];
    } catch (error) {
      this.unanswered(error);
      return NOT_COUNTED;
    }
    this.answered();
    const timeToExpire = Math.max(1, Math.ceil(remaining / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  private unanswered(error: unknown): void {
    this.metrics.uncheckedRequests.inc();
    this.metrics.rateLimitStoreUp.set(0);
    if (this.outage) return;
    this.outage = true;
    this.logger.error(`Redis does not answer the rate limiter (${(error as Error)?.message ?? error}): requests are let through unlimited until it does`);
  }

  private answered(): void {
    this.metrics.rateLimitStoreUp.set(1);
    if (!this.outage) return;
    this.outage = false;
    this.logger.log('Redis answers the rate limiter again: requests are limited again');
  }
}

@Module({ providers: [HttpMetrics, RateLimitStore], exports: [HttpMetrics, RateLimitStore] })
export class RateLimitStoreModule {}

/** RATE_LIMIT_PER_MINUTE requests per caller per minute, then 429 rate_limited with Retry-After. */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  imports: [RateLimitStoreModule],
  inject: [APP_CONFIG, RateLimitStore],
  useFactory: (config: AppConfig, storage: RateLimitStore) => ({
    throttlers: [{ ttl: WINDOW_MS, limit: config.http.rateLimitPerMinute }],
    storage,
  }),
});

/**
 * Runs before the auth guard, so requests with a missing or bad token are counted too: per caller (the token's
 * subject) when the token is valid, per client address otherwise (behind a proxy, TRUST_PROXY makes that the
 * address the proxy saw). One count per caller across every route. Health, docs and metrics are never limited.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const limit = this.throttlers[0]?.limit;
    if (limit === 0) return true;
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ?? false;
  }

  protected override async getTracker(req: Request): Promise<string> {
    const caller = await this.verifier.verifyRequest(req).catch(() => null);
    // An IPv6 client holds a whole /64: counting single addresses would let it rotate past the limit.
    return caller ? `user:${caller.id}` : `ip:${normalizeIp(req.ip ?? 'unknown', 64)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }
}
