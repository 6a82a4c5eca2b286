import type { Money, Policy } from '@app/domain';
import { randomUUID } from 'node:crypto';
import type { CaseEntity, OrderEntity } from '../entities';

export type NewCaseRow = Omit<CaseEntity, 'version' | 'createdAt' | 'updatedAt'>;

/** A case as it is opened on an order: status open, nothing decided, the policy it runs under. */
export function newCaseRow(order: OrderEntity, opening: { reason: string; description: string; claim: Money; policy: Policy }): NewCaseRow {
  return {
    id: randomUUID(),
    orderId: order.id,
    buyerId: order.buyerId,
    supplierId: order.supplierId,
    reason: opening.reason,
    description: opening.description,
    status: 'open',
    claimAmount: opening.claim.amount,
    currency: opening.claim.currency,
    orderAmount: order.amount,
    latestOffer: null,
    rebuttal: null,
    specialistId: null,
    reviewerId: null,
    decision: null,
    appeals: [],
    appealDecision: null,
    outcomeKind: null,
    refundAmount: null,
    overdue: false,
    policy: { ...opening.policy },
    firstResponseAt: null,
    escalatedAt: null,
    resolvedAt: null,
    closedAt: null,
  };
}
