import { CaseStore } from '@app/database';
import { transition } from '@app/domain';
import { ledgerViolations, newParties, openDispute, Parties, RATIONALE, startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

/**
 * Every case endpoint, as every kind of caller, on cases in every status: whatever the caller may not see
 * answers 404 (list endpoints leave it out), and 403 only comes for a visible case the caller may not act on.
 */
const STATUSES = ['open', 'negotiating', 'escalated', 'under_review', 'decided', 'appealed', 'resolved', 'withdrawn', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];
type Caller = 'buyer' | 'supplier' | 'specialist' | 'reviewer' | 'otherBuyer' | 'otherSupplier' | 'otherSpecialist' | 'otherReviewer' | 'platform' | 'admin';
const CALLERS: Caller[] = ['buyer', 'supplier', 'specialist', 'reviewer', 'otherBuyer', 'otherSupplier', 'otherSpecialist', 'otherReviewer', 'platform', 'admin'];

interface Endpoint {
  name: string;
  method: 'get' | 'post' | 'patch';
  path: (id: string) => string;
  body?: object;
  /** Who may ask at all (the case's own parties; staff as assigned); everyone else who sees the case gets 403. */
  may: Caller[];
}

const usd = (amount: number) => ({ amount, currency: 'USD' });
const READERS = CALLERS;
const ENDPOINTS: Endpoint[] = [
  { name: 'read', method: 'get', path: (id) => `/v1/cases/${id}`, may: READERS },
  { name: 'timeline', method: 'get', path: (id) => `/v1/cases/${id}/timeline`, may: READERS },
  { name: 'messages', method: 'get', path: (id) => `/v1/cases/${id}/messages`, may: READERS },
  { name: 'refund', method: 'get', path: (id) => `/v1/cases/${id}/refund`, may: READERS },
  { name: 'edit', method: 'patch', path: (id) => `/v1/cases/${id}`, body: { description: 'Adding detail about the defect.' }, may: ['buyer'] },
  { name: 'offer', method: 'post', path: (id) => `/v1/cases/${id}/offers`, body: { amount: usd(1_000) }, may: ['buyer', 'supplier'] },
  { name: 'accept', method: 'post', path: (id) => `/v1/cases/${id}/offers/accept`, may: ['buyer', 'supplier'] },
  { name: 'rebuttal', method: 'post', path: (id) => `/v1/cases/${id}/rebuttal`, body: { statement: 'The goods match the contract.' }, may: ['supplier'] },
  { name: 'escalate', method: 'post', path: (id) => `/v1/cases/${id}/escalate`, may: ['buyer', 'supplier'] },
  { name: 'withdraw', method: 'post', path: (id) => `/v1/cases/${id}/withdraw`, may: ['buyer'] },
  { name: 'assignment', method: 'post', path: (id) => `/v1/cases/${id}/assignment`, may: ['specialist', 'reviewer', 'otherSpecialist', 'otherReviewer'] },
  { name: 'decision', method: 'post', path: (id) => `/v1/cases/${id}/decision`, body: { outcome: 'no_refund', rationale: RATIONALE }, may: ['specialist'] },
  { name: 'appeal', method: 'post', path: (id) => `/v1/cases/${id}/appeals`, body: { reason: 'The decision ignores the photos.' }, may: ['buyer', 'supplier'] },
  {
    name: 'appeal-decision',
    method: 'post',
    path: (id) => `/v1/cases/${id}/appeal-decision`,
    body: { ruling: 'upheld', rationale: 'The specialist weighed the evidence fairly.' },
    may: ['reviewer'],
  },
  {
    name: 'evidence-request',
    method: 'post',
    path: (id) => `/v1/cases/${id}/evidence-requests`,
    body: { from: 'both', note: 'The inspection report, please.' },
    may: ['specialist', 'reviewer'],
  },
  { name: 'message', method: 'post', path: (id) => `/v1/cases/${id}/messages`, body: { body: 'Any news?' }, may: ['buyer', 'supplier', 'specialist', 'reviewer'] },
];

/** API.md "Participants of a case", written out for this fixture: S and R are the staff who work every case. */
function visible(caller: Caller, status: Status): boolean {
  switch (caller) {
    case 'buyer':
    case 'supplier':
    case 'platform':
    case 'admin':
      return true;
    case 'specialist': // S claims every case that reaches review
      return !['open', 'negotiating'].includes(status) && !(status === 'withdrawn');
    case 'otherSpecialist':
      return status === 'escalated';
    case 'reviewer': // R takes every appeal
      return status === 'appealed' || status === 'resolved';
    default:
      return false;
  }
}

/** While a case waits in the queue, S is one specialist among others, not yet its assignee. */
function mayAct(endpoint: Endpoint, caller: Caller, status: Status): boolean {
  const as = caller === 'specialist' && status === 'escalated' ? 'otherSpecialist' : caller;
  return endpoint.may.includes(as);
}

describe('Case authorization matrix (e2e)', () => {
  let t: TestApp;
  let people: Record<Caller, TestUser>;
  let parties: Parties;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), { POLICY_ESCALATION_ALLOWED_AFTER: 'PT0S' });
    parties = await newParties();
    people = {
      buyer: parties.buyer,
      supplier: parties.supplier,
      specialist: await testUser('specialist'),
      reviewer: await testUser('reviewer'),
      otherBuyer: await testUser('buyer'),
      otherSupplier: await testUser('supplier'),
      otherSpecialist: await testUser('specialist'),
      otherReviewer: await testUser('reviewer'),
      platform: parties.platform,
      admin: await testUser('admin'),
    };
  });
  afterAll(() => t.close());

  const post = (path: string, user: TestUser, body: object = {}) => t.http.post(path).set(user.auth).send(body).expect((r) => {
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  });

  /** A new case in `status`, reached through the API (and, for cancelled, the deadline's own transition). */
  async function caseIn(status: Status): Promise<string> {
    const { buyer, supplier } = parties;
    const { specialist, reviewer } = people;
    const { caseId } = await openDispute(t.http, parties, 30_000);
    const steps: Record<Status, Array<() => Promise<unknown>>> = {
      open: [],
      negotiating: [() => post(`/v1/cases/${caseId}/offers`, supplier, { amount: usd(10_000) })],
      escalated: [() => post(`/v1/cases/${caseId}/escalate`, buyer)],
      under_review: [() => post(`/v1/cases/${caseId}/escalate`, buyer), () => post(`/v1/cases/${caseId}/assignment`, specialist)],
      decided: [],
      appealed: [],
      resolved: [],
      withdrawn: [() => post(`/v1/cases/${caseId}/withdraw`, buyer)],
      cancelled: [],
    };
    steps.decided = [...steps.under_review, () => post(`/v1/cases/${caseId}/decision`, specialist, { outcome: 'refund_full', rationale: RATIONALE })];
    steps.appealed = [...steps.decided, () => post(`/v1/cases/${caseId}/appeals`, supplier, { reason: 'The defect came from transport.' }), () => post(`/v1/cases/${caseId}/assignment`, reviewer)];
    steps.resolved = [...steps.appealed, () => post(`/v1/cases/${caseId}/appeal-decision`, reviewer, { ruling: 'upheld', rationale: 'The packaging was intact on arrival.' })];
    steps.cancelled = [...steps.under_review, () => lapseEvidenceWindow(caseId)];
    for (const step of steps[status]) await step();
    return caseId;
  }

  /** The evidence window closes with no buyer evidence: the same transition the deadline worker applies. */
  async function lapseEvidenceWindow(caseId: string): Promise<void> {
    t.clock.advance(3 * 86_400_000 + 1000);
    await t.dataSource.transaction(async (manager) => {
      const row = (await CaseStore.find(manager, caseId))!;
      const change = transition(await CaseStore.snapshot(manager, row), { type: 'deadline_missed', kind: 'evidence' }, null, t.clock.now());
      await CaseStore.apply(manager, row, change, null, t.clock.now());
    });
  }

  it('answers 404 to whoever may not see a case and 403 only on visible cases', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const status of STATUSES) {
      let caseId = await caseIn(status);
      const state = (await t.http.get(`/v1/cases/${caseId}`).set(people.admin.auth)).body.status;
      expect(state).toBe(status);
      for (const caller of CALLERS) {
        const user = people[caller];
        const listed = (await t.http.get('/v1/cases?limit=100').set(user.auth).expect(200)).body.data.some((c: { id: string }) => c.id === caseId);
        checked++;
        if (listed !== visible(caller, status)) failures.push(`${status} list as ${caller}: listed=${listed}`);
        for (const endpoint of ENDPOINTS) {
          const res = await t.http[endpoint.method](endpoint.path(caseId)).set(user.auth).send(endpoint.body ?? {});
          checked++;
          const where = `${status} ${endpoint.name} as ${caller}: ${res.status} ${res.body?.code ?? ''}`;
          if (!visible(caller, status)) {
            // API.md: taking a case that another specialist or reviewer just took is 409, the one exception.
            const claimRace = endpoint.name === 'assignment' && ((caller === 'otherSpecialist' && status === 'under_review') || (caller === 'otherReviewer' && status === 'appealed'));
            if (res.status !== (claimRace ? 409 : 404)) failures.push(`${where} (expected ${claimRace ? 409 : 404})`);
          } else if (res.status === 404 && !(endpoint.name === 'refund' && res.body.code === 'not_found' && res.body.detail === 'This case has no refund')) {
            failures.push(`${where} (visible, so never 404)`);
          } else if (!mayAct(endpoint, caller, status) && res.status !== 403) {
            failures.push(`${where} (expected 403)`);
          } else if (mayAct(endpoint, caller, status) && res.status === 403 && endpoint.name !== 'assignment') {
            // (A specialist may claim escalated cases and a reviewer appealed ones; the other pairing is a 403.)
            failures.push(`${where} (allowed role, so never 403)`);
          }
          // An action that went through changed the case: continue on a fresh one in the same status.
          if (endpoint.method !== 'get' && res.status < 300) caseId = await caseIn(status);
        }
      }
    }
    console.log(`authorization matrix: ${STATUSES.length} statuses × ${CALLERS.length} callers × ${ENDPOINTS.length + 1} endpoints = ${checked} checks`);
    expect(failures).toEqual([]);
    expect(await ledgerViolations(t.dataSource)).toEqual([]);
  }, 240_000);
});
