import { RefundEntity } from '@app/database';
import { newParties, openDispute, startTestApp, TestApp, testUser } from '@app/testing';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

describe('Refunds for operations (e2e)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock));
  });
  afterAll(() => api?.close());

  /** A case the supplier settled by accepting the claim: it has a pending refund (no workers run here). */
  async function settledCase(claim: number): Promise<string> {
    const parties = await newParties();
    const { caseId } = await openDispute(api.http, parties, claim);
    await api.http.post(`/v1/cases/${caseId}/offers/accept`).set(parties.supplier.auth).send({ amount: { amount: claim, currency: 'USD' } }).expect(200);
    return caseId;
  }

  it('lists refunds newest first, filtered by status, so an admin finds the failed ones', async () => {
    const admin = await testUser('admin');
    const [first, second, third] = [await settledCase(10_000), await settledCase(20_000), await settledCase(30_000)];
    await api.dataSource.manager.update(RefundEntity, { caseId: first }, { status: 'failed', failureKind: 'definite', failureReason: 'gateway_unavailable' });
    await api.dataSource.manager.update(RefundEntity, { caseId: third }, { status: 'failed', failureKind: 'definite', failureReason: 'card_closed' });

    const failed = await api.http.get('/v1/refunds?status=failed').set(admin.auth).expect(200);
    expect(failed.body.data.map((r: RefundEntity) => [r.caseId, r.status, r.failureReason])).toEqual([
      [third, 'failed', 'card_closed'],
      [first, 'failed', 'gateway_unavailable'],
    ]);
    expect(failed.body.data[0].amount).toEqual({ amount: 30_000, currency: 'USD' });

    const page1 = await api.http.get('/v1/refunds?limit=2').set(admin.auth).expect(200);
    const page2 = await api.http.get(`/v1/refunds?limit=2&cursor=${page1.body.nextCursor}`).set(admin.auth).expect(200);
    const listed = [...page1.body.data, ...page2.body.data].map((r: RefundEntity) => r.caseId);
    expect(listed.slice(0, 3)).toEqual([third, second, first]);
  });

  it('is for operations only, and refuses an unknown status by name', async () => {
    await api.http.get('/v1/refunds').set((await testUser('buyer')).auth).expect(403);
    await api.http.get('/v1/refunds').set((await testUser('specialist')).auth).expect(403);
    await api.http.get('/v1/refunds').set((await testUser('platform')).auth).expect(200);
    const bad = await api.http.get('/v1/refunds?status=lost').set((await testUser('admin')).auth).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
  });
});
