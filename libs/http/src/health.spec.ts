import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { HealthController, HealthIndicator, PublicHealthError } from './health';

const indicator = (name: string, check: () => Promise<void>): HealthIndicator => ({ name, check });

function fakeResponse(): Response & { statusCode: number } {
  const res = { statusCode: 0, status(code: number) { res.statusCode = code; return res; } };
  return res as unknown as Response & { statusCode: number };
}

describe('HealthController', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  it('answers 200 ok when every dependency answers', async () => {
    const res = fakeResponse();
    const body = await new HealthController([indicator('database', async () => undefined), indicator('redis', async () => undefined)]).health(res);
    expect(res.statusCode).toBe(200);
    expect(body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers 503 naming the failing dependency, without its raw error text, which goes to the logs once', async () => {
    const controller = new HealthController([
      indicator('database', async () => undefined),
      indicator('storage', async () => Promise.reject(new Error('connect ECONNREFUSED 10.0.3.7:9000'))),
    ]);
    const res = fakeResponse();
    const body = await controller.health(res);
    await controller.health(fakeResponse());
    expect(res.statusCode).toBe(503);
    expect(body).toEqual({ status: 'error', checks: { database: { status: 'up' }, storage: { status: 'down', error: 'unavailable' } } });
    expect(JSON.stringify(body)).not.toContain('10.0.3.7');
    expect(warn.mock.calls.map(([message]) => message)).toEqual(['health: storage is down: connect ECONNREFUSED 10.0.3.7:9000']);
  });

  it('shows the message of a PublicHealthError, which the service wrote itself', async () => {
    const res = fakeResponse();
    const body = await new HealthController([indicator('workers', () => Promise.reject(new PublicHealthError('not taking jobs: refunds')))]).health(res);
    expect(body.checks.workers).toEqual({ status: 'down', error: 'not taking jobs: refunds' });
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
