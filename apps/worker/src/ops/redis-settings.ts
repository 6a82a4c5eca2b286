import { QueueBackend } from '@app/queues';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

type RedisConfigClient = { config(subcommand: 'GET', parameter: string): Promise<unknown> };

/** Null when the policy is safe for queues; otherwise what to tell the operator. */
export function evictionPolicyProblem(policy: string): string | null {
  if (policy === 'noeviction') return null;
  return (
    `Redis maxmemory-policy is "${policy}": under memory pressure Redis may evict queue keys, silently losing jobs ` +
    `(deadline alarms, payouts, webhooks). Set "maxmemory-policy noeviction" on the queue Redis.`
  );
}

/** Reads maxmemory-policy; null when CONFIG is disabled (managed Redis) or Redis does not answer. */
export async function readEvictionPolicy(redis: RedisConfigClient): Promise<string | null> {
  try {
    const reply = await redis.config('GET', 'maxmemory-policy');
    return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : null;
  } catch {
    return null;
  }
}

/** Checks the queue Redis once at boot and warns loudly; never blocks or fails the boot. */
@Injectable()
export class RedisSettingsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(RedisSettingsCheck.name);

  constructor(private readonly backend: QueueBackend) {}

  onApplicationBootstrap(): void {
    void this.check();
  }

  async check(): Promise<void> {
    const redis = this.backend.redisClient();
    if (!redis) return;
    const policy = await readEvictionPolicy(redis);
    if (policy === null) {
      this.logger.warn('Could not read Redis maxmemory-policy (CONFIG disabled or Redis unreachable); make sure it is "noeviction".');
      return;
    }
    const problem = evictionPolicyProblem(policy);
    if (problem) this.logger.error(`!!! ${problem}`);
  }
}
