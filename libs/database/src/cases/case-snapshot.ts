import type { CaseSnapshot, DeadlineSpec } from '@app/domain';
import type { CaseDeadlineEntity, CaseEntity } from '../entities';

/** What the state machine sees of a stored case. */
export function toSnapshot(c: CaseEntity, openDeadlines: CaseDeadlineEntity[], buyerHasEvidence: boolean): CaseSnapshot {
  return {
    status: c.status,
    buyerId: c.buyerId,
    supplierId: c.supplierId,
    claim: { amount: c.claimAmount, currency: c.currency },
    orderAmount: { amount: c.orderAmount, currency: c.currency },
    openedAt: c.createdAt,
    policy: c.policy,
    latestOffer: c.latestOffer ? { ...c.latestOffer, at: new Date(c.latestOffer.at) } : null,
    rebuttal: c.rebuttal,
    specialistId: c.specialistId,
    reviewerId: c.reviewerId,
    decision: c.decision ? { ...c.decision, decidedAt: new Date(c.decision.decidedAt) } : null,
    appeals: c.appeals.map((a) => ({ ...a, at: new Date(a.at) })),
    openDeadlines: openDeadlines.map((d) => ({ kind: d.kind, party: d.party as DeadlineSpec['party'], dueAt: d.dueAt })),
    overdue: c.overdue,
    buyerHasEvidence,
  };
}
