import type { Response } from 'express';
import { HealthController, HealthIndicator } from './health';

const indicator = (name: string, check: () => Promise<void>): HealthIndicator => ({ name, check });

function fakeResponse(): Response & { statusCode: number } {
  const res = { statusCode: 0, status(code: number) { res.statusCode = code; return res; } };
  return res as unknown as Response & { statusCode: number };
}

describe('HealthController', () => {
  it('answers 200 ok when every dependency answers', async () => {
    const res = fakeResponse();
    const body = await new HealthController([indicator('database', async () => undefined), indicator('redis', async () => undefined)]).health(res);
    expect(res.statusCode).toBe(200);
    expect(body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers 503 naming the failing dependency and why', async () => {
    const res = fakeResponse();
    const body = await new HealthController([
      indicator('database', async () => undefined),
      indicator('storage', async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9000'))),
    ]).health(res);
    expect(res.statusCode).toBe(503);
    expect(body).toEqual({
      status: 'error',
      checks: { database: { status: 'up' }, storage: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:9000' } },
    });
  });

  it('treats a dependency that hangs as down', async () => {
    jest.useFakeTimers();
    const res = fakeResponse();
    const pending = new HealthController([indicator('redis', () => new Promise(() => undefined))]).health(res);
    await jest.advanceTimersByTimeAsync(2_100);
    const body = await pending;
    jest.useRealTimers();
    expect(res.statusCode).toBe(503);
    expect(body.checks.redis).toEqual({ status: 'down', error: 'no answer within 2000 ms' });
  });
});
