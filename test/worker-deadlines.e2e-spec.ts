import { CaseEntity, RefundEntity } from '@app/database';
import { DeadlineKind } from '@app/domain';
import { jobIds, QUEUES } from '@app/queues';
import { CaseFixtures, startTestSystem, supplierOf, TestSystem, testUser, waitFor } from '@app/testing';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

// Jest's project config cannot set testTimeout; these suites wait on real clocks and processes.
jest.setTimeout(60_000);

// Each case is opened under its own short policy; everything not under test keeps the default days.
const SHORT = 'PT2S';

describe('Worker: deadlines fire through their alarm jobs (e2e)', () => {
  let sys: TestSystem;
  let fx: CaseFixtures;
  const cases: Record<string, CaseEntity> = {};
  let supplierAnswerAlarmWasScheduled = false;
  let earlyAlarmPutBack = false;
  let statusAfterEarlyAlarm = '';

  beforeAll(async () => {
    sys = await startTestSystem({
      // The sweep is kept out of the way here (hourly), so every deadline below fires by its alarm job;
      // the sweep has its own suite. Two workers compete for the jobs.
      env: { DEADLINE_SWEEP_INTERVAL: 'PT1H' },
      apps: [(c, k) => CaseApiModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    // Older than the pickup case, not overdue: the overdue one must still come first in the queue.
    cases.waitingLonger = await fx.escalatedCase();
    const [silent, answered, escalationAllowed, negotiating, pickup, noEvidence, withEvidence, decided] = await Promise.all([
      fx.openCase({ policy: { supplierResponse: SHORT } }),
      fx.openCase({ policy: { supplierResponse: SHORT } }),
      fx.openCase({ policy: { escalationAllowedAfter: SHORT } }),
      fx.openCase({ policy: { negotiationWindow: SHORT } }),
      fx.escalatedCase({ policy: { pickupSla: SHORT } }),
      fx.underReviewCase({ buyerEvidence: false, policy: { evidenceWindow: SHORT } }),
      fx.underReviewCase({ buyerEvidence: true, policy: { evidenceWindow: SHORT, decisionSla: SHORT } }),
      fx.decidedCase({ policy: { appealWindow: SHORT } }),
    ]);
    Object.assign(cases, { silent, answered, escalationAllowed, negotiating, pickup, noEvidence, withEvidence, decided });
    supplierAnswerAlarmWasScheduled = !!(await alarm(answered.id, 'supplier_response'));
    // An alarm that rings long before its deadline (no regular alarm was produced for this case).
    cases.earlyAlarm = await fx.openCase({ policy: { supplierResponse: 'PT3S' }, produceJobs: false });
    await sys.caseJobs.scheduleDeadline(cases.earlyAlarm.id, 'supplier_response', new Date(0));
    earlyAlarmPutBack = await waitFor(async () => (await alarm(cases.earlyAlarm.id, 'supplier_response'))?.isDelayed(), {
      what: 'the early alarm to be put back',
    });
    statusAfterEarlyAlarm = (await load(cases.earlyAlarm.id)).status;
    // The supplier answers in time, in both bargaining cases.
    await fx.act(answered.id, { type: 'make_offer', amount: { amount: 20_000, currency: 'USD' } }, supplierOf(answered));
    await fx.act(negotiating.id, { type: 'make_offer', amount: { amount: 30_000, currency: 'USD' } }, supplierOf(negotiating));
  });
  afterAll(() => sys?.close());

  const alarm = (caseId: string, kind: DeadlineKind) => sys.backend.queue(QUEUES.deadlines).getJob(jobIds.deadline(caseId, kind));
  const load = (id: string) => sys.dataSource.manager.findOneByOrFail(CaseEntity, { id });
  const until = (id: string, done: (c: CaseEntity) => boolean, what: string) =>
    waitFor(async () => {
      const c = await load(id);
      return done(c) && c;
    }, { what: `case ${id} ${what}` });
  const events = (caseId: string): Promise<Array<{ type: string; data: Record<string, unknown>; actor_id: string | null }>> =>
    sys.dataSource.query(`SELECT type, data, actor_id FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
  const caseEventTypes = async (caseId: string) => (await events(caseId)).map((e) => e.type).filter((t) => t.startsWith('case.'));
  const deadlineRow = async (caseId: string, kind: DeadlineKind) =>
    (await sys.dataSource.query(`SELECT due_at, done_at FROM case_deadlines WHERE case_id = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`, [caseId, kind]))[0] as
      | { due_at: Date; done_at: Date | null }
      | undefined;

  it('supplier silent past supplierResponse: resolved for the buyer in full (supplier_unresponsive), refund created', async () => {
    const c = await until(cases.silent.id, (x) => x.status === 'resolved', 'to resolve');
    expect(c).toMatchObject({ outcomeKind: 'supplier_unresponsive', refundAmount: c.claimAmount });
    expect(await caseEventTypes(c.id)).toEqual(['case.opened', 'case.deadline_missed', 'case.resolved']);
    const missed = (await events(c.id)).find((e) => e.type === 'case.deadline_missed')!;
    expect(missed).toMatchObject({ data: { kind: 'supplier_response' }, actor_id: null });
    const refund = await sys.dataSource.manager.findOneByOrFail(RefundEntity, { caseId: c.id });
    expect(refund.amount).toBe(c.claimAmount);
    expect((await deadlineRow(c.id, 'supplier_response'))!.done_at).not.toBeNull();
  });

  it('a deadline met in time (the supplier answered) makes its alarm a no-op', async () => {
    expect(supplierAnswerAlarmWasScheduled).toBe(true);
    await waitFor(async () => !(await alarm(cases.answered.id, 'supplier_response')), { what: 'the stale alarm to run' });
    const c = await load(cases.answered.id);
    expect(c.status).toBe('negotiating');
    expect(await caseEventTypes(c.id)).toEqual(['case.opened', 'case.offer_made']);
  });

  it('escalation becoming allowed closes that deadline without any event', async () => {
    await waitFor(async () => (await deadlineRow(cases.escalationAllowed.id, 'escalation_allowed'))?.done_at, { what: 'escalation_allowed to close' });
    expect((await load(cases.escalationAllowed.id)).status).toBe('open');
    expect(await caseEventTypes(cases.escalationAllowed.id)).toEqual(['case.opened']);
  });

  it('negotiation window over without agreement: escalated by the system, pickup SLA started', async () => {
    const c = await until(cases.negotiating.id, (x) => x.status === 'escalated', 'to escalate');
    expect(await caseEventTypes(c.id)).toEqual(['case.opened', 'case.offer_made', 'case.deadline_missed', 'case.escalated']);
    expect((await events(c.id)).find((e) => e.type === 'case.escalated')!.data).toMatchObject({ by: 'system' });
    const pickup = await deadlineRow(c.id, 'pickup');
    expect(pickup).toMatchObject({ done_at: null });
  });

  it('pickup SLA over: flagged overdue (case.overdue) and first in the specialists queue', async () => {
    const c = await until(cases.pickup.id, (x) => x.overdue, 'to be overdue');
    expect(c.status).toBe('escalated');
    expect(await caseEventTypes(c.id)).toEqual(['case.opened', 'case.escalated', 'case.deadline_missed', 'case.overdue']);
    const specialist = await testUser('specialist');
    const queue = await sys.http(sys.apps[0]).get('/v1/queue').set(specialist.auth).expect(200);
    const ids = queue.body.data.map((x: { id: string }) => x.id);
    expect(ids[0]).toBe(c.id);
    expect(ids).toContain(cases.waitingLonger.id);
  });

  it('evidence window over and the buyer gave none: cancelled', async () => {
    const c = await until(cases.noEvidence.id, (x) => x.status === 'cancelled', 'to be cancelled');
    expect(c.closedAt).not.toBeNull();
    expect((await caseEventTypes(c.id)).slice(-2)).toEqual(['case.deadline_missed', 'case.cancelled']);
  });

  it('evidence window over with buyer evidence: decision SLA counted from the window end, then overdue', async () => {
    const evidence = await waitFor(async () => (await deadlineRow(cases.withEvidence.id, 'evidence'))?.done_at && deadlineRow(cases.withEvidence.id, 'evidence'), {
      what: 'the evidence window to close',
    });
    const decision = (await deadlineRow(cases.withEvidence.id, 'decision'))!;
    expect(decision.due_at.getTime() - evidence!.due_at.getTime()).toBe(2000);
    const c = await until(cases.withEvidence.id, (x) => x.overdue, 'to be overdue for its decision');
    expect(c.status).toBe('under_review');
    expect((await caseEventTypes(c.id)).slice(-3)).toEqual(['case.deadline_missed', 'case.deadline_missed', 'case.overdue']);
    expect((await events(c.id)).filter((e) => e.type === 'case.deadline_missed').map((e) => e.data.kind)).toEqual(['evidence', 'decision']);
  });

  it('appeal window over with no appeal: resolved by the decision', async () => {
    const c = await until(cases.decided.id, (x) => x.status === 'resolved', 'to resolve');
    expect(c).toMatchObject({ outcomeKind: 'decision', refundAmount: c.claimAmount });
    expect((await caseEventTypes(c.id)).slice(-3)).toEqual(['case.decided', 'case.deadline_missed', 'case.resolved']);
  });

  it('an alarm that rings early waits for its deadline, then fires it', async () => {
    const { id, createdAt } = cases.earlyAlarm;
    expect({ earlyAlarmPutBack, statusAfterEarlyAlarm }).toEqual({ earlyAlarmPutBack: true, statusAfterEarlyAlarm: 'open' });
    await until(id, (x) => x.status === 'resolved', 'to resolve');
    const missed: Array<{ at: Date }> = await sys.dataSource.query(`SELECT at FROM case_events WHERE case_id = $1 AND type = 'case.deadline_missed'`, [id]);
    expect(missed).toHaveLength(1);
    expect(missed[0].at.getTime()).toBeGreaterThanOrEqual(createdAt.getTime() + 3000);
  });

  it('a repeated or late alarm changes nothing', async () => {
    const c = await until(cases.silent.id, (x) => x.status === 'resolved', 'to resolve');
    const before = await events(c.id);
    await sys.caseJobs.scheduleDeadline(c.id, 'supplier_response', new Date(0));
    await waitFor(async () => !(await alarm(c.id, 'supplier_response')), { what: 'the repeated alarm to run' });
    expect(await events(c.id)).toEqual(before);
    expect(await load(c.id)).toMatchObject({ status: 'resolved', version: c.version });
  });

  it('wrote every event to the outbox with the same id, once, though two workers competed', async () => {
    const [{ missing, duplicated }] = await sys.dataSource.query(
      `SELECT count(*) FILTER (WHERE o.id IS NULL)::int AS missing,
              (SELECT count(*)::int FROM (SELECT case_id, data FROM case_events WHERE type = 'case.deadline_missed'
                                          GROUP BY case_id, data HAVING count(*) > 1) d) AS duplicated
       FROM case_events e LEFT JOIN outbox o ON o.id = e.id`,
    );
    expect({ missing, duplicated }).toEqual({ missing: 0, duplicated: 0 });
  });
});
