import { DEFAULT_POLICY } from '@app/domain';
import { CaseFixtures, EvidenceClient, newParties, openDispute, sampleBytes, startTestSystem, supplierOf, testUser, TestSystem, waitFor } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../apps/evidence-service/src/evidence-service.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

jest.setTimeout(60_000);

const DAY = 86_400_000;

// DOMAIN.md "Policy": every number has its variable, each case stores the values that govern it, and a policy
// change never alters a case already open. The processes here run under a policy of their own; cases opened
// before it (written as they were, with the defaults) keep theirs.
describe('Policy numbers stored on the case (e2e)', () => {
  let sys: TestSystem;
  let api: INestApplication;
  let evidence: INestApplication;
  let fx: CaseFixtures;

  beforeAll(async () => {
    sys = await startTestSystem({
      env: {
        DEADLINE_SWEEP_INTERVAL: 'PT1S',
        POLICY_EVIDENCE_REQUEST_WINDOW: 'PT3H',
        POLICY_REMINDER_LEAD_TIMES: 'PT1H,PT10M',
        POLICY_EVIDENCE_MAX_IMAGE_BYTES: '100000',
        POLICY_EVIDENCE_MAX_ITEMS_PER_PARTY: '2',
        POLICY_REFUND_ARRIVAL_DAYS_CREDIT_CARD: '4',
      },
      apps: [(c, k) => CaseApiModule.forRoot(c, k), (c, k) => EvidenceServiceModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    [api, evidence] = sys.apps;
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
  });
  afterAll(() => sys?.close());

  const photo = (client: EvidenceClient, caseId: string, size = 64 * 1024) => client.direct(caseId, sampleBytes.jpeg(size), 'crate.jpg', 'image/jpeg');

  it('a case opened now stores the policy in force, and shows it', async () => {
    const p = await newParties();
    const { body } = await openDispute(sys.http(api), p);
    // lateEventTolerance governs orders (a supplier's reported shipment time), not cases: the Case does not show it.
    const { lateEventTolerance: _orders, ...casePolicy } = DEFAULT_POLICY;
    expect(body.policy).toEqual({
      ...casePolicy,
      evidenceRequestWindow: 'PT3H',
      reminderLeadTimes: ['PT1H', 'PT10M'],
      evidenceLimits: { maxBytes: { image: 100000, video: 2147483648, document: 26214400 }, maxItemsPerParty: 2 },
      refundArrivalDays: { credit_card: 4, tt: 7, e_checking: 3, boleto: 7, pay_later: 15 },
    });
    const leads = await sys.dataSource.query(`SELECT lead_time FROM reminders WHERE case_id = $1 ORDER BY send_at`, [body.id]);
    // The supplier's response deadline, reminded under the case's lead times (the escalation clocks bind nobody).
    expect(leads.map((r: { lead_time: string }) => r.lead_time)).toEqual(['PT1H', 'PT10M']);
  });

  it("the evidence service applies each case's own limits", async () => {
    const p = await newParties();
    const { caseId: now } = await openDispute(sys.http(api), p);
    const before = await fx.openCase(); // opened under the defaults
    const nowBuyer = new EvidenceClient(sys.http(evidence), p.buyer);
    const beforeBuyer = new EvidenceClient(sys.http(evidence), await testUser('buyer', before.buyerId));

    // Images: 100,000 bytes now, 25 MiB before.
    const big = (await photo(nowBuyer, now, 150_000).expect(413)).body;
    expect(big).toMatchObject({ code: 'payload_too_large', errors: [{ field: 'file' }] });
    const session = await nowBuyer.startUpload(now, sampleBytes.jpeg(150_000), { contentType: 'image/jpeg' }).expect(413);
    expect(session.body.errors[0].field).toBe('size');
    await photo(beforeBuyer, before.id, 150_000).expect(201);

    // Two items per party now, fifty before.
    await photo(nowBuyer, now).expect(201);
    await photo(nowBuyer, now).expect(201);
    expect((await photo(nowBuyer, now).expect(409)).body.code).toBe('evidence_limit_reached');
    await photo(beforeBuyer, before.id).expect(201);
    await photo(beforeBuyer, before.id).expect(201);
  });

  it("an evidence request without a due time gets the case's own window; reminders the case's own lead times", async () => {
    const opened = await fx.underReviewCase({ buyerEvidence: true, policy: { evidenceRequestWindow: 'PT3H', reminderLeadTimes: ['PT1H', 'PT10M'] } });
    const before = await fx.underReviewCase({ buyerEvidence: true });
    for (const [c, window, leads] of [
      [opened, 3 * 3_600_000, ['PT3H', 'PT1H', 'PT10M']],
      [before, 2 * DAY, ['P2D', 'PT24H', 'PT2H']],
    ] as const) {
      const res = await sys
        .http(api)
        .post(`/v1/cases/${c.id}/evidence-requests`)
        .set((await testUser('specialist', c.specialistId!)).auth)
        .send({ from: 'supplier', note: 'The packing list, please.' })
        .expect(200);
      const request = res.body.deadlines.find((d: { kind: string }) => d.kind === 'evidence_request');
      expect(Date.parse(request.dueAt) - sys.clock.now().getTime()).toBeGreaterThan(window - 5000);
      expect(Date.parse(request.dueAt) - sys.clock.now().getTime()).toBeLessThanOrEqual(window);
      const planned = await sys.dataSource.query(
        `SELECT r.lead_time FROM reminders r JOIN case_deadlines d ON d.id = r.deadline_id WHERE d.case_id = $1 AND d.kind = 'evidence_request' ORDER BY r.send_at`,
        [c.id],
      );
      expect(planned.map((r: { lead_time: string }) => r.lead_time)).toEqual(leads);
    }
  });

  it("a refund's expected arrival counts the case's own days for the payment method", async () => {
    const opened = await fx.openCase({ policy: { refundArrivalDays: { ...DEFAULT_POLICY.refundArrivalDays, credit_card: 4 } } });
    const before = await fx.openCase();
    for (const [c, days] of [
      [opened, 4],
      [before, 10],
    ] as const) {
      await fx.act(c.id, { type: 'accept_offer' }, supplierOf(c));
      const buyer = await testUser('buyer', c.buyerId);
      const refund = await waitFor(
        async () => {
          const res = await sys.http(api).get(`/v1/cases/${c.id}/refund`).set(buyer.auth);
          return res.status === 200 && res.body.sentAt && res.body;
        },
        { what: `the refund of case ${c.id} to be sent` },
      );
      expect(Date.parse(refund.expectedArrivalAt) - Date.parse(refund.sentAt)).toBe(days * DAY);
    }
  });
});
