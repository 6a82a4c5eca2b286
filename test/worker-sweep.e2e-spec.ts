import { CaseEntity, LedgerRepository, OrderEntity } from '@app/database';
import { jobIds, QUEUES, SCHEDULERS } from '@app/queues';
import { CaseFixtures, startTestSystem, TestSystem, waitFor } from '@app/testing';
import IORedis from 'ioredis';
import { WorkerModule } from '../apps/worker/src/worker.module';

// Jest's project config cannot set testTimeout; these suites wait on real clocks and processes.
jest.setTimeout(60_000);

const DAY = 86_400_000;

/**
 * Redis on this machine is shared with other engineers' test runs, so this suite never runs FLUSHALL:
 * it takes a Redis database of its own (8 to 15, an empty one) and wipes it with FLUSHDB, which is the
 * same loss of every key the worker and its queues have.
 */
async function emptyRedisDatabase(): Promise<number> {
  const candidates = [8, 9, 10, 11, 12, 13, 14, 15].sort(() => Math.random() - 0.5);
  for (const db of candidates) {
    const probe = new IORedis(`redis://127.0.0.1:6379/${db}`);
    const size = await probe.dbsize();
    await probe.quit();
    if (size === 0) return db;
  }
  throw new Error('no empty Redis database between 8 and 15');
}

describe('Worker: the sweep fires what no alarm did (e2e)', () => {
  let sys: TestSystem;
  let fx: CaseFixtures;
  let redis: IORedis;

  beforeAll(async () => {
    const db = await emptyRedisDatabase();
    redis = new IORedis(`redis://127.0.0.1:6379/${db}`);
    sys = await startTestSystem({
      env: { REDIS_URL: `redis://127.0.0.1:6379/${db}`, DEADLINE_SWEEP_INTERVAL: 'PT1S' },
      apps: [(c, k) => WorkerModule.forRoot(c, k)],
    });
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(async () => {
    await sys?.close();
    await redis?.flushdb();
    await redis?.quit();
  });

  const load = (id: string) => sys.dataSource.manager.findOneByOrFail(CaseEntity, { id });
  const deadlineMissed = (caseId: string): Promise<Array<{ at: Date }>> =>
    sys.dataSource.query(`SELECT at FROM case_events WHERE case_id = $1 AND type = 'case.deadline_missed'`, [caseId]);

  it('(b) Redis wiped while 30 deadlines are pending: every one still fires, by the sweep', async () => {
    const opened = await Promise.all(Array.from({ length: 30 }, () => fx.openCase({ policy: { supplierResponse: 'PT3S' } })));
    const alarms = sys.backend.queue(QUEUES.deadlines);
    const scheduled = await Promise.all(opened.map((c) => alarms.getJob(jobIds.deadline(c.id, 'supplier_response'))));
    expect(scheduled.every(Boolean)).toBe(true);

    await redis.flushdb();
    const left = await Promise.all(opened.map((c) => alarms.getJob(jobIds.deadline(c.id, 'supplier_response'))));
    expect(left.filter(Boolean)).toHaveLength(0);

    const dueAt = opened[0].createdAt.getTime() + 3000;
    await waitFor(async () => (await Promise.all(opened.map((c) => load(c.id)))).every((c) => c.status === 'resolved'), {
      timeoutMs: 30_000,
      what: 'all 30 cases to resolve',
    });
    for (const c of opened) {
      const missed = await deadlineMissed(c.id);
      expect(missed).toHaveLength(1);
      expect(missed[0].at.getTime()).toBeGreaterThanOrEqual(dueAt - 1000);
    }
    // The wipe took the sweep's job scheduler too; the worker put it back.
    expect(await alarms.getJobScheduler(SCHEDULERS.deadlineSweep)).toBeDefined();
  });

  it('fires a deadline whose alarm was never produced', async () => {
    const c = await fx.openCase({ policy: { supplierResponse: 'PT1S' }, produceJobs: false });
    const resolved = await waitFor(async () => (await load(c.id)).status === 'resolved' && load(c.id), { what: 'the case to resolve' });
    expect(resolved.outcomeKind).toBe('supplier_unresponsive');
  });

  it('auto-confirms receipt 30 days after delivery and releases the escrow, unless a case is open', async () => {
    const now = sys.clock.now();
    const [due, dueButDisputed, notYet] = await Promise.all([
      fx.order({ deliveredAt: new Date(now.getTime() - 31 * DAY) }),
      fx.order({ deliveredAt: new Date(now.getTime() - 31 * DAY) }),
      fx.order({ deliveredAt: new Date(now.getTime() - 29 * DAY) }),
    ]);
    await fx.openCase({ order: dueButDisputed });
    const order = (id: string) => sys.dataSource.manager.findOneByOrFail(OrderEntity, { id });
    await waitFor(async () => (await order(due.id)).status === 'completed' && (await order(dueButDisputed.id)).status === 'completed', {
      what: 'both due orders to complete',
    });
    expect((await order(due.id)).completedAt).not.toBeNull();
    expect(await LedgerRepository.escrowHeld(sys.dataSource.manager, due.id)).toBe(0);
    expect(await LedgerRepository.escrowHeld(sys.dataSource.manager, dueButDisputed.id)).toBe(dueButDisputed.amount);
    expect((await order(notYet.id)).status).toBe('delivered');
  });
  it('purges stored Idempotency-Key answers once they are two days old, keeping younger ones', async () => {
    const now = sys.clock.now();
    const put = (key: string, ageMs: number) =>
      sys.dataSource.query(
        `INSERT INTO idempotency_keys (caller_id, key, request_hash, state, response_status, response_body, created_at)
         VALUES ('caller', $1, 'hash', 'done', 201, '{}', $2)`,
        [key, new Date(now.getTime() - ageMs)],
      );
    await put('old', 3 * DAY);
    await put('young', DAY);
    await waitFor(async () => {
      const keys: Array<{ key: string }> = await sys.dataSource.query(`SELECT key FROM idempotency_keys WHERE caller_id = 'caller'`);
      return keys.length === 1 ? keys : undefined;
    }).then((keys) => expect(keys).toEqual([{ key: 'young' }]));
  });
});
