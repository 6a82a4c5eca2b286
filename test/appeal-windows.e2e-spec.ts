import type { CaseApi } from '@app/api-client';
import { CaseEntity } from '@app/database';
import { buyerOf, CaseFixtures, startTestSystem, testUser, TestSystem, TestUser, waitFor } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

jest.setTimeout(60_000);

type Deadline = CaseApi.components['schemas']['Deadline'];

const REASON = 'The decision ignores the inspection report.';

// "Deadlines people can see" (issue 12): while a case is decided or appealed, each party that has not
// appealed yet sees its own appeal window; staff see every case's deadlines in their queue listing.
describe('Appeal windows, one per party, and deadlines in the queues (e2e)', () => {
  let sys: TestSystem;
  let api: INestApplication;
  let fx: CaseFixtures;

  beforeAll(async () => {
    sys = await startTestSystem({
      env: { DEADLINE_SWEEP_INTERVAL: 'PT1S' },
      apps: [(c, k) => CaseApiModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    api = sys.apps[0];
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys?.close());

  const parties = async (c: CaseEntity) => ({ buyer: await testUser('buyer', c.buyerId), supplier: await testUser('supplier', c.supplierId) });
  const deadlines = async (caseId: string, user: TestUser): Promise<Deadline[]> =>
    (await sys.http(api).get(`/v1/cases/${caseId}`).set(user.auth).expect(200)).body.deadlines;
  const appealAs = (caseId: string, user: TestUser) => sys.http(api).post(`/v1/cases/${caseId}/appeals`).set(user.auth).send({ reason: REASON });
  const queueRow = async (user: TestUser, caseId: string): Promise<{ deadlines: Deadline[] } | undefined> =>
    (await sys.http(api).get('/v1/queue?limit=100').set(user.auth).expect(200)).body.data.find((row: { id: string }) => row.id === caseId);

  it('a decision opens one appeal window per party; after one appeals, the other still sees its own, also in the reviewers\' queue', async () => {
    const c = await fx.decidedCase();
    const { buyer, supplier } = await parties(c);
    const decidedAt = c.decision!.decidedAt;
    const windows = await deadlines(c.id, buyer);
    expect(windows.map((d) => [d.kind, d.party])).toEqual([
      ['appeal', 'buyer'],
      ['appeal', 'supplier'],
    ]);
    // Ten days from the decision, for both.
    for (const w of windows) expect(Date.parse(w.dueAt) - Date.parse(decidedAt)).toBe(10 * 86_400_000);
    expect(await deadlines(c.id, supplier)).toEqual(windows);

    const appealed = await appealAs(c.id, buyer).expect(200);
    expect(appealed.body.status).toBe('appealed');
    expect(appealed.body.deadlines).toEqual([windows[1]]);
    expect(await deadlines(c.id, supplier)).toEqual([windows[1]]);

    const reviewer = await testUser('reviewer');
    expect((await queueRow(reviewer, c.id))?.deadlines).toEqual([windows[1]]);

    // The supplier joins within its window: nothing left to see.
    expect((await appealAs(c.id, supplier).expect(200)).body.deadlines).toEqual([]);
    expect((await queueRow(reviewer, c.id))?.deadlines).toEqual([]);
  });

  it("a reviewer taking the appeal ends the other party's window: it may no longer appeal", async () => {
    const c = await fx.decidedCase();
    const { buyer, supplier } = await parties(c);
    await appealAs(c.id, supplier).expect(200);
    expect((await deadlines(c.id, buyer)).map((d) => d.party)).toEqual(['buyer']);
    const reviewer = await testUser('reviewer');
    const taken = await sys.http(api).post(`/v1/cases/${c.id}/assignment`).set(reviewer.auth).send({}).expect(200);
    expect(taken.body.deadlines).toEqual([]);
    expect((await appealAs(c.id, buyer).expect(409)).body.code).toBe('invalid_state');
  });

  it('no appeal: the case resolves when both windows pass, with one missed deadline and one resolution', async () => {
    const c = await fx.decidedCase({ policy: { appealWindow: 'PT2S' } });
    const resolved = await waitFor(async () => {
      const row = await sys.dataSource.manager.findOneByOrFail(CaseEntity, { id: c.id });
      return row.status === 'resolved' && row;
    }, { what: 'the decision to become final' });
    expect(resolved).toMatchObject({ outcomeKind: 'decision', refundAmount: c.claimAmount });
    const events: Array<{ type: string; data: Record<string, unknown> }> = await sys.dataSource.query(
      `SELECT type, data FROM case_events WHERE case_id = $1 AND type IN ('case.deadline_missed', 'case.resolved') ORDER BY seq`,
      [c.id],
    );
    expect(events.map((e) => e.type)).toEqual(['case.deadline_missed', 'case.resolved']);
    expect(events[0].data).toMatchObject({ kind: 'appeal' });
    const [{ open }] = await sys.dataSource.query(`SELECT count(*)::int AS open FROM case_deadlines WHERE case_id = $1 AND done_at IS NULL`, [c.id]);
    expect(open).toBe(0);
  });

  it("the other party's window passing while the case is appealed only closes that window", async () => {
    const c = await fx.decidedCase({ policy: { appealWindow: 'PT2S' } });
    await fx.act(c.id, { type: 'appeal', reason: REASON }, buyerOf(c));
    const { supplier } = await parties(c);
    await waitFor(async () => (await deadlines(c.id, supplier)).length === 0, { what: "the supplier's window to pass" });
    const row = await sys.dataSource.manager.findOneByOrFail(CaseEntity, { id: c.id });
    expect(row.status).toBe('appealed');
    const [missed] = await sys.dataSource.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'case.deadline_missed'`, [c.id]);
    expect(missed.data).toEqual({ kind: 'appeal', party: 'supplier' });
    expect((await appealAs(c.id, supplier).expect(409)).body.code).toBe('deadline_passed');
  });

  it("the specialists' queue listing carries each case's deadlines: the pickup SLA of waiting cases, the decision SLA of the caller's own", async () => {
    const waiting = await fx.escalatedCase();
    const mine = await fx.underReviewCase({ buyerEvidence: true, policy: { evidenceWindow: 'PT1S' } });
    const specialist = await testUser('specialist', mine.specialistId!);
    expect((await queueRow(specialist, waiting.id))?.deadlines.map((d) => [d.kind, d.party])).toEqual([['pickup', 'specialist']]);
    const decision = await waitFor(async () => (await queueRow(specialist, mine.id))?.deadlines.find((d) => d.kind === 'decision'), {
      what: 'the decision SLA to start',
    });
    expect(decision.party).toBe('specialist');
  });
});
