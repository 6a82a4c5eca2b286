import { ledgerViolations, newParties, openDispute, RATIONALE, startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

describe('Case concurrency (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Escalation allowed at once, so cases reach the queue without moving the clock.
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), { POLICY_ESCALATION_ALLOWED_AFTER: 'PT0S' });
  });
  afterAll(() => t.close());

  async function escalatedCase(): Promise<string> {
    const p = await newParties();
    const { caseId } = await openDispute(t.http, p, 30_000);
    await t.http.post(`/v1/cases/${caseId}/escalate`).set(p.buyer.auth).send({}).expect(200);
    return caseId;
  }

  it('20 concurrent queue/next calls for 5 escalated cases hand out each case exactly once', async () => {
    const cases = await Promise.all(Array.from({ length: 5 }, escalatedCase));
    const specialists: TestUser[] = await Promise.all(Array.from({ length: 20 }, () => testUser('specialist')));
    const answers = await Promise.all(specialists.map((s) => t.http.post('/v1/queue/next').set(s.auth).send()));

    const taken = answers.filter((r) => r.status === 200);
    expect(answers.filter((r) => r.status === 204)).toHaveLength(15);
    expect(taken.map((r) => r.body.id).sort()).toEqual([...cases].sort());
    for (const r of taken) expect(r.body).toMatchObject({ status: 'under_review', specialistId: expect.any(String) });
    const holders = await t.dataSource.query(`SELECT DISTINCT specialist_id FROM cases WHERE id = ANY($1)`, [cases]);
    expect(holders).toHaveLength(5);
    expect(await ledgerViolations(t.dataSource)).toEqual([]);
  });

  it('10 concurrent decisions on one case: exactly one succeeds, the rest get 409', async () => {
    const caseId = await escalatedCase();
    const specialist = await testUser('specialist');
    await t.http.post(`/v1/cases/${caseId}/assignment`).set(specialist.auth).send().expect(200);
    const bodies = Array.from({ length: 10 }, (_, i) => ({ outcome: 'refund_partial', refund: { amount: 1_000 + i, currency: 'USD' }, rationale: RATIONALE }));
    const answers = await Promise.all(bodies.map((b) => t.http.post(`/v1/cases/${caseId}/decision`).set(specialist.auth).send(b)));

    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(9);
    expect(refused.every((r) => r.body.code === 'invalid_state')).toBe(true);
    const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'case.decided'`, [caseId]);
    expect(events[0].n).toBe(1);
    expect(await ledgerViolations(t.dataSource)).toEqual([]);
  });

  it('concurrent acceptances resolve once: one refund record, one refund posting', async () => {
    const p = await newParties();
    const { caseId } = await openDispute(t.http, p, 30_000);
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.http.post(`/v1/cases/${caseId}/offers/accept`).set(p.supplier.auth).send()));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    const [{ refunds }] = await t.dataSource.query(`SELECT count(*)::int AS refunds FROM refunds WHERE case_id = $1`, [caseId]);
    expect(refunds).toBe(1);
    expect(await ledgerViolations(t.dataSource)).toEqual([]);
  });
});
