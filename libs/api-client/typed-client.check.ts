// Compiled by `npm run typecheck`, never run: a client generated from the documents has real types for
// requests and answers (Money included), so an API change breaks the build of its users, not their pages.
import createClient from 'openapi-fetch';
import type { CaseApi, EvidenceApi } from './src';

export async function typedClientCompiles(baseUrl: string): Promise<void> {
  const cases = createClient<CaseApi.paths>({ baseUrl });
  const opened = await cases.POST('/v1/cases', {
    body: { orderId: 'a uuid', reason: 'damaged', claim: { amount: 40_000, currency: 'USD' }, description: 'Crushed boxes on arrival.' },
    params: { header: { 'Idempotency-Key': 'open-1' } },
  });
  if (opened.data) {
    const claim: number = opened.data.claim.amount;
    const offer: CaseApi.Offer | null = opened.data.latestOffer;
    const status: 'open' | 'negotiating' | 'escalated' | 'under_review' | 'decided' | 'appealed' | 'resolved' | 'withdrawn' | 'cancelled' = opened.data.status;
    void [claim, offer, status];
  }
  if (opened.error) {
    const code: CaseApi.Problem['code'] = opened.error.code;
    void code;
  }
  // @ts-expect-error Money's amount is an integer of minor units, not a string
  await cases.POST('/v1/orders', { body: { amount: { amount: '12.50', currency: 'USD' } } });
  // @ts-expect-error an action that takes nothing declares an empty body
  await cases.POST('/v1/cases/{id}/withdraw', { params: { path: { id: 'x' } }, body: { status: 'resolved' } });

  const evidence = createClient<EvidenceApi.paths>({ baseUrl });
  const listed = await evidence.GET('/v1/cases/{caseId}/evidence', { params: { path: { caseId: 'x' }, query: { limit: 50 } } });
  const kinds: Array<'image' | 'video' | 'document'> | undefined = listed.data?.data.map((item) => item.kind);
  void kinds;
}
