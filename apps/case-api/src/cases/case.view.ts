import { CaseDeadlineEntity, CaseEntity, CaseEventEntity, eventPayload, RefundEntity } from '@app/database';
import { MoneyDto } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class OfferView {
  @ApiProperty() amount: MoneyDto;
  @ApiProperty({ enum: ['buyer', 'supplier'] }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class DecisionView {
  @ApiProperty({ enum: ['refund_full', 'refund_partial', 'no_refund'] }) outcome: string;
  @ApiProperty() refund: MoneyDto;
  @ApiProperty() rationale: string;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

class AppealView {
  @ApiProperty({ enum: ['buyer', 'supplier'] }) by: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class AppealDecisionView {
  @ApiProperty({ enum: ['upheld', 'modified'] }) ruling: string;
  @ApiProperty() refund: MoneyDto;
  @ApiProperty() rationale: string;
  @ApiProperty({ format: 'uuid' }) decidedBy: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

class OutcomeView {
  @ApiProperty({ enum: ['agreed', 'supplier_unresponsive', 'decision', 'appeal'] }) kind: string;
  @ApiProperty() refund: MoneyDto;
}

class DeadlineView {
  @ApiProperty({ enum: ['supplier_response', 'escalation_allowed', 'auto_escalation', 'pickup', 'evidence', 'decision', 'appeal'] })
  kind: string;
  @ApiProperty({ description: 'who must act: buyer, supplier, both, specialist, reviewer or system' }) party: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) buyerId: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() reason: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['open', 'negotiating', 'escalated', 'under_review', 'decided', 'appealed', 'resolved', 'withdrawn', 'cancelled'] })
  status: string;
  @ApiProperty() claim: MoneyDto;
  @ApiPropertyOptional({ type: OfferView, nullable: true }) latestOffer: OfferView | null;
  @ApiPropertyOptional({ nullable: true }) rebuttal: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) specialistId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) reviewerId: string | null;
  @ApiPropertyOptional({ type: DecisionView, nullable: true }) decision: DecisionView | null;
  @ApiProperty({ type: [AppealView] }) appeals: AppealView[];
  @ApiPropertyOptional({ type: AppealDecisionView, nullable: true }) appealDecision: AppealDecisionView | null;
  @ApiPropertyOptional({ type: OutcomeView, nullable: true }) outcome: OutcomeView | null;
  @ApiProperty({ type: [DeadlineView] }) deadlines: DeadlineView[];
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: 'the policy durations the case was opened under (ISO 8601)' }) policy: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) escalatedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) resolvedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) closedAt: string | null;
}

export class CasePageView {
  @ApiProperty({ type: [CaseView] }) data: CaseView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}

export class EventView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() type: string;
  @ApiPropertyOptional({ nullable: true, description: '{ id, role }, or null for the system' }) actor: { id: string; role: string } | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() data: Record<string, unknown>;
}

export class EventPageView {
  @ApiProperty({ type: [EventView] }) data: EventView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}

export class MessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() authorRole: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: [String] }) evidenceIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MessagePageView {
  @ApiProperty({ type: [MessageView] }) data: MessageView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}

export class RefundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() amount: MoneyDto;
  @ApiProperty() paymentMethod: string;
  @ApiProperty({ enum: ['pending', 'processing', 'sent', 'succeeded', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true }) gatewayReference: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) expectedArrivalAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) sentAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) succeededAt: string | null;
  @ApiPropertyOptional({ nullable: true }) failureReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toCaseView(c: CaseEntity, openDeadlines: CaseDeadlineEntity[]): CaseView {
  const money = (amount: number) => ({ amount, currency: c.currency });
  return {
    id: c.id,
    orderId: c.orderId,
    buyerId: c.buyerId,
    supplierId: c.supplierId,
    reason: c.reason,
    description: c.description,
    status: c.status,
    claim: money(c.claimAmount),
    latestOffer: c.latestOffer ? { amount: c.latestOffer.amount, by: c.latestOffer.by, at: c.latestOffer.at } : null,
    rebuttal: c.rebuttal,
    specialistId: c.specialistId,
    reviewerId: c.reviewerId,
    decision: c.decision,
    appeals: c.appeals,
    appealDecision: c.appealDecision,
    outcome: c.outcomeKind ? { kind: c.outcomeKind, refund: money(c.refundAmount ?? 0) } : null,
    deadlines: openDeadlines.map((d) => ({ kind: d.kind, party: d.party, dueAt: d.dueAt.toISOString() })),
    overdue: c.overdue,
    policy: { ...c.policy },
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    escalatedAt: iso(c.escalatedAt),
    resolvedAt: iso(c.resolvedAt),
    closedAt: iso(c.closedAt),
  };
}

export const toEventView = (e: CaseEventEntity): EventView => eventPayload(e) as unknown as EventView;

export function toRefundView(r: RefundEntity): RefundView {
  return {
    id: r.id,
    caseId: r.caseId,
    orderId: r.orderId,
    amount: { amount: r.amount, currency: r.currency },
    paymentMethod: r.paymentMethod,
    status: r.status,
    attempts: r.attempts,
    gatewayReference: r.gatewayReference,
    expectedArrivalAt: iso(r.expectedArrivalAt),
    sentAt: iso(r.sentAt),
    succeededAt: iso(r.succeededAt),
    failureReason: r.failureReason,
    createdAt: r.createdAt.toISOString(),
  };
}
