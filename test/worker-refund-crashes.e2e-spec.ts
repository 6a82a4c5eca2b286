import { CaseFixtures, paidOnceEach, payoutBooks, spawnWorker, startTestSystem, TestSystem, waitFor, WorkerProcess } from '@app/testing';
import { setTimeout as sleep } from 'node:timers/promises';

// Jest's project config cannot set testTimeout; these suites wait on real clocks and processes.
jest.setTimeout(60_000);

const ROUNDS = 5;
const REFUNDS = 50;

describe('Worker: SIGKILL while refunds are being paid (e2e)', () => {
  let sys: TestSystem;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    // A gateway that takes half a second per call, so paying 50 refunds spans several kill rounds.
    sys = await startTestSystem({ env: { DEADLINE_SWEEP_INTERVAL: 'PT1S', PAYMENT_SANDBOX_LATENCY: 'PT0.5S' } });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await sys?.close();
  });

  const startTwoWorkers = async () => (workers = await Promise.all([spawnWorker(sys.env), spawnWorker(sys.env)]));

  it('(a) five rounds of SIGKILL to both of two competing workers: every refund succeeds, paid and posted once', async () => {
    const fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    const resolved = await Promise.all(Array.from({ length: REFUNDS }, () => fx.resolvedCase()));
    const refundIds = resolved.map((r) => r.refundId);
    const books = payoutBooks(sys.dataSource);
    const unfinishedAtKill: number[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      await startTwoWorkers();
      // Each worker dies at its own random moment, mid-call to the gateway or mid-transaction as it happens.
      await Promise.all(
        workers.map(async (worker) => {
          await sleep(200 + Math.random() * 1800);
          unfinishedAtKill.push((await books.refunds(refundIds)).filter((r) => r.status !== 'succeeded').length);
          await worker.kill('SIGKILL');
        }),
      );
    }
    // The kills did land while payouts were under way, not after they were all done.
    expect(unfinishedAtKill.some((n) => n > 0)).toBe(true);

    await startTwoWorkers();
    await waitFor(async () => (await books.refunds(refundIds)).every((r) => r.status === 'succeeded'), {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `all ${REFUNDS} refunds to succeed after the kills`,
    });
    expect(await books.counts(resolved.map((r) => r.caseRow.id))).toEqual(paidOnceEach(REFUNDS));
  }, 240_000);
});
