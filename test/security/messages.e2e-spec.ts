import { newParties, openDispute, Parties, startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';

describe('Security: who posts messages (e2e)', () => {
  let t: TestApp;
  let p: Parties;
  let specialist: TestUser;
  let otherSpecialist: TestUser;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), { POLICY_ESCALATION_ALLOWED_AFTER: 'PT0S' });
    p = await newParties();
    specialist = await testUser('specialist');
    otherSpecialist = await testUser('specialist');
  });
  afterAll(() => t.close());

  const message = (caseId: string, user: TestUser, body = 'Please send the inspection report.') =>
    t.http.post(`/v1/cases/${caseId}/messages`).set(user.auth).send({ body });

  describe('An unassigned specialist can post messages to the parties of an escalated case', () => {
    it('answers 403 forbidden to a specialist who only sees the case in the queue, and lets the assigned one talk', async () => {
      const { caseId } = await openDispute(t.http, p);
      await t.http.post(`/v1/cases/${caseId}/escalate`).set(p.buyer.auth).send({}).expect(200);

      // Any specialist may read an escalated case (it is in their queue), but not talk to its parties.
      await t.http.get(`/v1/cases/${caseId}`).set(otherSpecialist.auth).expect(200);
      const refused = await message(caseId, otherSpecialist).expect(403);
      expect(refused.body.code).toBe('forbidden');

      await t.http.post(`/v1/cases/${caseId}/assignment`).set(specialist.auth).send({}).expect(200);
      await message(caseId, specialist).expect(201);
      await message(caseId, p.buyer, 'Attached, see evidence.').expect(201);
      await message(caseId, p.supplier, 'Our own report follows.').expect(201);
      await message(caseId, p.platform).expect(403);

      const listed = await t.http.get(`/v1/cases/${caseId}/messages`).set(p.buyer.auth).expect(200);
      expect(listed.body.data.map((m: { authorId: string }) => m.authorId)).toEqual([specialist.id, p.buyer.id, p.supplier.id]);
      const posted = await t.dataSource.query(`SELECT actor_id FROM case_events WHERE case_id = $1 AND type = 'case.message_posted' ORDER BY seq`, [caseId]);
      expect(posted.map((e: { actor_id: string }) => e.actor_id)).toEqual([specialist.id, p.buyer.id, p.supplier.id]);
    });
  });
});
