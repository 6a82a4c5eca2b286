import { QUEUES } from '@app/queues';
import { AppFactory, startTestSystem, TestSystem } from '@app/testing';
import { WorkerRegistry } from '../apps/worker/src/ops/worker-registry';
import { WorkerModule } from '../apps/worker/src/worker.module';

// Jest's project config cannot set testTimeout; these suites wait on real clocks and processes.
jest.setTimeout(60_000);

const worker: AppFactory = (config, clock) => WorkerModule.forRoot(config, clock);

describe('Worker: health (e2e)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [worker] });
  }, 30_000);
  afterAll(() => sys?.close());

  it('serves Prometheus metrics: queue depths from BullMQ, backlogs from PostgreSQL', async () => {
    const http = sys.http(sys.apps[0]);
    const delayed = (text: string) => Number(/^arbiter_queue_jobs\{queue="deadlines",state="delayed"\} (\d+)$/m.exec(text)![1]);
    const before = await http.get('/metrics').expect(200);
    expect(before.headers['content-type']).toContain('text/plain');
    const alarm = await sys.backend.queue(QUEUES.deadlines).add('deadline.due', { caseId: 'none', kind: 'pickup' }, { delay: 3_600_000 });
    const after = await http.get('/metrics').expect(200);
    await alarm.remove();
    const removed = await http.get('/metrics').expect(200);
    // The workers' own schedulers may add a delayed job meanwhile, hence at least, not exactly.
    expect(delayed(after.text)).toBeGreaterThanOrEqual(delayed(before.text) + 1);
    expect(delayed(removed.text)).toBeLessThanOrEqual(delayed(after.text) - 1);
    for (const queue of Object.values(QUEUES)) expect(after.text).toMatch(new RegExp(`^arbiter_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+$`, 'm'));
    expect(after.text).toMatch(/^arbiter_deadlines_overdue \d+$/m);
    expect(after.text).toMatch(/^arbiter_webhook_deliveries_pending \d+$/m);
  });

  it('is healthy while every queue has a running worker, and unhealthy once one stops taking jobs', async () => {
    const http = sys.http(sys.apps[0]);
    const healthy = await http.get('/health').expect(200);
    expect(healthy.body.checks).toEqual({ database: { status: 'up' }, redis: { status: 'up' }, workers: { status: 'up' } });

    await sys.apps[0].get(WorkerRegistry).get(QUEUES.refunds)!.close();
    const stopped = await http.get('/health').expect(503);
    expect(stopped.body.checks.workers).toEqual({ status: 'down', error: 'not taking jobs: refunds' });
  });
});

describe('Worker: health without Redis (e2e)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    // Nothing listens on port 1: the worker boots, but cannot reach Redis.
    sys = await startTestSystem({ env: { REDIS_URL: 'redis://127.0.0.1:1/0' }, apps: [worker] });
  }, 30_000);
  afterAll(() => sys?.close(), 30_000);

  it('reports unhealthy, naming Redis', async () => {
    const res = await sys.http(sys.apps[0]).get('/health').expect(503);
    expect(res.body.checks.redis.status).toBe('down');
    expect(res.body.checks.database).toEqual({ status: 'up' });
  });
});
