import type { CaseApi } from '@app/api-client';
import { CaseEntity } from '@app/database';
import { Actor } from '@app/domain';
import { buyerOf, CaseFixtures, EvidenceClient, sampleBytes, startTestSystem, supplierOf, testUser, TestSystem, TestUser, waitFor } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOTE = 'Please send the inspection report of the second pallet.';

type Deadline = CaseApi.components['schemas']['Deadline'];

// The case API, the evidence service and a worker (sweeping every second) on one database and clock.
describe('Evidence requests (e2e)', () => {
  let sys: TestSystem;
  let api: INestApplication;
  let evidence: INestApplication;
  let fx: CaseFixtures;

  beforeAll(async () => {
    sys = await startTestSystem({
      env: { DEADLINE_SWEEP_INTERVAL: 'PT1S' },
      apps: [(c, k) => CaseApiModule.forRoot(c, k), (c, k) => EvidenceServiceModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    [api, evidence] = sys.apps;
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys?.close());

  const specialistOf = (c: CaseEntity) => testUser('specialist', c.specialistId!);
  const request = (caseId: string, user: TestUser, body: Record<string, unknown>) =>
    sys.http(api).post(`/v1/cases/${caseId}/evidence-requests`).set(user.auth).send(body);
  const caseOf = async (caseId: string, user: TestUser) => (await sys.http(api).get(`/v1/cases/${caseId}`).set(user.auth).expect(200)).body;
  const deadlinesOf = (body: { deadlines: Deadline[] }, kind: string) => body.deadlines.filter((d) => d.kind === kind);
  const uploader = async (c: CaseEntity, party: 'buyer' | 'supplier') =>
    new EvidenceClient(sys.http(evidence), await testUser(party, party === 'buyer' ? c.buyerId : c.supplierId));
  const photo = (client: EvidenceClient, caseId: string) => client.direct(caseId, sampleBytes.jpeg(), 'pallet.jpg', 'image/jpeg');
  const timeline = async (caseId: string, user: TestUser): Promise<Array<{ type: string; actor: { id: string; role: string } | null; data: Record<string, unknown> }>> =>
    (await sys.http(api).get(`/v1/cases/${caseId}/timeline?limit=100`).set(user.auth).expect(200)).body.data;
  /** Under review with the evidence window already closed (one second long) and the decision SLA running. */
  const deciding = async () => {
    const c = await fx.underReviewCase({ buyerEvidence: true, policy: { evidenceWindow: 'PT1S' } });
    await waitFor(async () => (await sys.dataSource.query(`SELECT 1 FROM case_deadlines WHERE case_id = $1 AND kind = 'decision'`, [c.id])).length, {
      what: 'the evidence window to close',
    });
    return c;
  };

  it("reopens the named party's evidence window until the due time; the decision SLA counts from it; a missed request changes nothing", async () => {
    const c = await deciding();
    const specialist = await specialistOf(c);
    const [buyer, supplier] = [await uploader(c, 'buyer'), await uploader(c, 'supplier')];
    expect((await photo(buyer, c.id).expect(409)).body.code).toBe('evidence_window_closed');

    const before = sys.clock.now().getTime();
    const res = await request(c.id, specialist, { from: 'buyer', note: NOTE, dueIn: 'PT1H' }).expect(200);
    const [requested] = deadlinesOf(res.body, 'evidence_request');
    expect(requested.party).toBe('buyer');
    const dueAt = Date.parse(requested.dueAt);
    expect(dueAt - before).toBeGreaterThanOrEqual(HOUR);
    expect(dueAt - before).toBeLessThan(HOUR + 5000);
    // decisionSla (two days by default) from the request's due time.
    expect(deadlinesOf(res.body, 'decision')).toEqual([{ kind: 'decision', party: 'specialist', dueAt: new Date(dueAt + 2 * DAY).toISOString() }]);
    expect(res.body).toMatchObject({ status: 'under_review', overdue: false });

    const requestedEvent = (await timeline(c.id, await testUser('buyer', c.buyerId))).find((e) => e.type === 'case.evidence_requested');
    expect(requestedEvent).toMatchObject({ actor: { id: specialist.id, role: 'specialist' }, data: { from: 'buyer', note: NOTE, dueAt: requested.dueAt } });

    // The buyer is told at once, in its notifications.
    const told = await waitFor(async () => (await sys.http(api).get('/v1/notifications').set(buyer.user.auth).expect(200)).body.data[0], {
      what: 'the buyer to be told',
    });
    expect(told).toMatchObject({ caseId: c.id, kind: 'evidence_request', deadline: { party: 'buyer', dueAt: requested.dueAt } });
    expect(told.text).toContain(NOTE);

    // The buyer may add evidence again, the supplier was not asked.
    expect((await photo(buyer, c.id).expect(201)).body.status).toBe('available');
    expect((await photo(supplier, c.id).expect(409)).body.code).toBe('evidence_window_closed');
    // The party sees its own deadline in the case.
    expect(deadlinesOf(await caseOf(c.id, buyer.user), 'evidence_request')).toEqual([requested]);

    // Past the due time the window is closed again, and the passing changes nothing else.
    sys.clock.advance(HOUR + 1000);
    expect((await photo(buyer, c.id).expect(409)).body.code).toBe('evidence_window_closed');
    await waitFor(async () => (await timeline(c.id, specialist)).some((e) => e.type === 'case.deadline_missed' && e.data.kind === 'evidence_request'), {
      what: 'the request to pass',
    });
    const after = await caseOf(c.id, specialist);
    expect(after).toMatchObject({ status: 'under_review', overdue: false });
    expect(deadlinesOf(after, 'evidence_request')).toEqual([]);
    expect(deadlinesOf(after, 'decision')).toEqual(deadlinesOf(res.body, 'decision'));
    const missed = (await timeline(c.id, specialist)).filter((e) => e.type === 'case.deadline_missed').map((e) => e.data);
    expect(missed).toEqual([{ kind: 'evidence' }, { kind: 'evidence_request', party: 'buyer' }]);
    expect((await sys.http(api).get('/v1/notifications').set(supplier.user.auth).expect(200)).body.data).toEqual([]);
  });

  it('from both: one deadline per party; a new request to one party replaces its open one, the other keeps its own', async () => {
    const c = await deciding();
    const specialist = await specialistOf(c);
    const both = await request(c.id, specialist, { from: 'both', note: NOTE }).expect(200);
    const first = deadlinesOf(both.body, 'evidence_request');
    expect(first.map((d) => d.party)).toEqual(['buyer', 'supplier']);
    // The case's evidenceRequestWindow (two days by default) when no due time is given.
    expect(Date.parse(first[0].dueAt) - sys.clock.now().getTime()).toBeGreaterThan(2 * DAY - 5000);

    const again = await request(c.id, specialist, { from: 'supplier', note: 'The packing list as well, please.', dueIn: 'P3D' }).expect(200);
    const second = deadlinesOf(again.body, 'evidence_request');
    expect(second).toHaveLength(2);
    expect(second.find((d) => d.party === 'buyer')).toEqual(first[0]);
    const supplierDue = Date.parse(second.find((d) => d.party === 'supplier')!.dueAt);
    expect(supplierDue - Date.parse(first[1].dueAt)).toBeGreaterThan(DAY - 5000);
    // The latest due time is the supplier's new one.
    expect(deadlinesOf(again.body, 'decision')[0].dueAt).toBe(new Date(supplierDue + 2 * DAY).toISOString());
    const [{ open }] = await sys.dataSource.query(
      `SELECT count(*)::int AS open FROM case_deadlines WHERE case_id = $1 AND kind = 'evidence_request' AND done_at IS NULL`,
      [c.id],
    );
    expect(open).toBe(2);
  });

  it('during the evidence window: a buyer asked for more evidence keeps its claim when the window closes, and the SLA runs from the request', async () => {
    const c = await fx.underReviewCase({ buyerEvidence: false, policy: { evidenceWindow: 'PT2S' } });
    const specialist = await specialistOf(c);
    const res = await request(c.id, specialist, { from: 'buyer', note: NOTE, dueIn: 'PT1H' }).expect(200);
    expect(deadlinesOf(res.body, 'decision')).toEqual([]);
    const requestDue = Date.parse(deadlinesOf(res.body, 'evidence_request')[0].dueAt);
    const decision = await waitFor(async () => deadlinesOf(await caseOf(c.id, specialist), 'decision')[0], { what: 'the evidence window to close' });
    expect(Date.parse(decision.dueAt)).toBe(requestDue + 2 * DAY);
    expect((await caseOf(c.id, specialist)).status).toBe('under_review');
  });

  it('a case overdue for its decision gets a fresh SLA and loses the flag', async () => {
    const c = await fx.underReviewCase({ buyerEvidence: true, policy: { evidenceWindow: 'PT1S', decisionSla: 'PT1S' } });
    const specialist = await specialistOf(c);
    await waitFor(async () => (await caseOf(c.id, specialist)).overdue, { what: 'the decision to be overdue' });
    const res = await request(c.id, specialist, { from: 'supplier', note: NOTE, dueIn: 'PT10M' }).expect(200);
    expect(res.body.overdue).toBe(false);
    expect(Date.parse(deadlinesOf(res.body, 'decision')[0].dueAt) - Date.parse(deadlinesOf(res.body, 'evidence_request')[0].dueAt)).toBe(1000);
  });

  it('the assigned reviewer asks while the case is appealed; the specialist may not any more', async () => {
    const decided = await fx.decidedCase();
    const reviewer = await testUser('reviewer');
    await fx.act(decided.id, { type: 'appeal', reason: 'The photos were not looked at.' }, buyerOf(decided));
    const taken = (await fx.act(decided.id, { type: 'claim_case' }, { id: reviewer.id, role: 'reviewer' } as Actor)).caseRow;
    const supplier = await uploader(taken, 'supplier');
    expect((await photo(supplier, taken.id).expect(409)).body.code).toBe('evidence_window_closed');

    const res = await request(taken.id, reviewer, { from: 'supplier', note: NOTE, dueIn: 'P1D' }).expect(200);
    expect(res.body.status).toBe('appealed');
    expect(deadlinesOf(res.body, 'evidence_request').map((d) => d.party)).toEqual(['supplier']);
    expect((await photo(supplier, taken.id).expect(201)).body.status).toBe('available');
    // The buyer's window as appellant ended when the reviewer took the appeal.
    expect((await photo(await uploader(taken, 'buyer'), taken.id).expect(409)).body.code).toBe('evidence_window_closed');

    const bySpecialist = await request(taken.id, await specialistOf(taken), { from: 'buyer', note: NOTE }).expect(409);
    expect(bySpecialist.body.code).toBe('invalid_state');
  });

  describe('refusals', () => {
    let c: CaseEntity;
    let specialist: TestUser;
    beforeAll(async () => {
      c = await fx.underReviewCase({ buyerEvidence: true });
      specialist = await specialistOf(c);
    });

    it.each([
      ['from', 'an unknown party', { from: 'everyone', note: NOTE }],
      ['note', 'an empty note', { from: 'buyer', note: '' }],
      ['note', 'a note of 2,001 characters', { from: 'buyer', note: 'x'.repeat(2001) }],
      ['note', 'no note', { from: 'buyer' }],
      ['from', 'no party', { note: NOTE }],
      ['dueIn', 'months (ambiguous)', { from: 'buyer', note: NOTE, dueIn: 'P1M' }],
      ['dueIn', 'words', { from: 'buyer', note: NOTE, dueIn: 'in two days' }],
      ['dueIn', 'zero', { from: 'buyer', note: NOTE, dueIn: 'PT0S' }],
      ['dueIn', 'more than 30 days', { from: 'buyer', note: NOTE, dueIn: 'P31D' }],
      ['dueIn', 'a number', { from: 'buyer', note: NOTE, dueIn: 48 }],
      ['status', 'a field it does not take', { from: 'buyer', note: NOTE, status: 'decided' }],
    ])('400 validation_failed naming %s for %s', async (field, _what, body) => {
      const res = await request(c.id, specialist, body).expect(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('403 for the parties and for staff who see the case but are not assigned to it', async () => {
      for (const party of [buyerOf(c), supplierOf(c)]) {
        const res = await request(c.id, await testUser(party.role as 'buyer' | 'supplier', party.id), { from: 'buyer', note: NOTE }).expect(403);
        expect(res.body.code).toBe('forbidden');
      }
      const escalated = await fx.escalatedCase();
      expect((await request(escalated.id, await testUser('specialist'), { from: 'buyer', note: NOTE }).expect(403)).body.code).toBe('forbidden');
    });

    it('404 for a case the caller cannot see, or that does not exist', async () => {
      await request(c.id, await testUser('specialist'), { from: 'buyer', note: NOTE }).expect(404);
      await request(randomUUID(), specialist, { from: 'buyer', note: NOTE }).expect(404);
      await request(c.id, await testUser('buyer'), { from: 'buyer', note: NOTE }).expect(404);
    });

    it('409 invalid_state once the case is decided', async () => {
      const decided = await fx.decidedCase();
      const res = await request(decided.id, await specialistOf(decided), { from: 'buyer', note: NOTE }).expect(409);
      expect(res.body.code).toBe('invalid_state');
    });

    it('401 without a token', async () => {
      await sys.http(api).post(`/v1/cases/${c.id}/evidence-requests`).send({ from: 'buyer', note: NOTE }).expect(401);
    });
  });
});
