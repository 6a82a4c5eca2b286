import { Logger } from '@nestjs/common';
import type { QueueBackend } from '@app/queues';
import { evictionPolicyProblem, readEvictionPolicy, RedisSettingsCheck } from './redis-settings';

const backendWith = (config: () => Promise<unknown>) => ({ redisClient: () => ({ config }) }) as unknown as QueueBackend;

describe('Redis settings check', () => {
  afterEach(() => jest.restoreAllMocks());

  it('accepts only noeviction', () => {
    expect(evictionPolicyProblem('noeviction')).toBeNull();
    expect(evictionPolicyProblem('allkeys-lru')).toMatch(/allkeys-lru.*noeviction/);
  });

  it('reads the policy from CONFIG GET, and tolerates CONFIG being disabled', async () => {
    expect(await readEvictionPolicy({ config: async () => ['maxmemory-policy', 'volatile-lru'] })).toBe('volatile-lru');
    expect(await readEvictionPolicy({ config: async () => Promise.reject(new Error("ERR unknown command 'CONFIG'")) })).toBeNull();
  });

  it('logs an error when Redis may evict queue keys, a warning when it cannot tell, nothing when safe', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await new RedisSettingsCheck(backendWith(async () => ['maxmemory-policy', 'allkeys-lru'])).check();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('allkeys-lru'));
    await new RedisSettingsCheck(backendWith(() => Promise.reject(new Error('CONFIG disabled')))).check();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Could not read'));
    error.mockClear();
    warn.mockClear();
    await new RedisSettingsCheck(backendWith(async () => ['maxmemory-policy', 'noeviction'])).check();
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
