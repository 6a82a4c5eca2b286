import { CaseDeadlineEntity, CaseEntity, CaseEventEntity, eventPayload, RefundEntity } from '@app/database';
import {
  APPEAL_RULINGS,
  CASE_EVENT_TYPES,
  CASE_STATUSES,
  DEADLINE_KINDS,
  DEADLINE_PARTIES,
  DECISION_OUTCOMES,
  DISPUTE_REASONS,
  OUTCOME_KINDS,
  PARTIES,
  PAYMENT_METHODS,
  Policy,
  REFUND_STATUSES,
  ROLES,
} from '@app/domain';
import {
  ArrayProp,
  BoolProp,
  DateTimeProp,
  EnumProp,
  IntProp,
  MapProp,
  MoneyDto,
  MoneyProp,
  ObjectProp,
  PageOf,
  StringArrayProp,
  StringProp,
  UuidProp,
} from '@app/http';

class OfferView {
  @MoneyProp() amount: MoneyDto;
  @EnumProp(PARTIES) by: string;
  @DateTimeProp() at: string;
}

class DecisionView {
  @EnumProp(DECISION_OUTCOMES) outcome: string;
  @MoneyProp() refund: MoneyDto;
  @StringProp() rationale: string;
  @UuidProp() decidedBy: string;
  @DateTimeProp() decidedAt: string;
}

class AppealView {
  @EnumProp(PARTIES) by: string;
  @StringProp() reason: string;
  @DateTimeProp() at: string;
}

class AppealDecisionView {
  @EnumProp(APPEAL_RULINGS) ruling: string;
  @MoneyProp() refund: MoneyDto;
  @StringProp() rationale: string;
  @UuidProp() decidedBy: string;
  @DateTimeProp() decidedAt: string;
}

class OutcomeView {
  @EnumProp(OUTCOME_KINDS) kind: string;
  @MoneyProp() refund: MoneyDto;
}

class EvidenceBytesView {
  @IntProp({ minimum: 1 }) image: number;
  @IntProp({ minimum: 1 }) video: number;
  @IntProp({ minimum: 1 }) document: number;
}

class EvidenceLimitsView {
  @ObjectProp(() => EvidenceBytesView, { description: 'upload size limit per evidence kind, in bytes' }) maxBytes: EvidenceBytesView;
  @IntProp({ minimum: 1, description: 'evidence items per party on this case' }) maxItemsPerParty: number;
}

class RefundArrivalDaysView {
  @IntProp({ minimum: 0 }) credit_card: number;
  @IntProp({ minimum: 0 }) tt: number;
  @IntProp({ minimum: 0 }) e_checking: number;
  @IntProp({ minimum: 0 }) boleto: number;
  @IntProp({ minimum: 0 }) pay_later: number;
}

/** The policy the case was opened under (DOMAIN.md "Policy"); durations are ISO 8601. */
export class CasePolicyView {
  @StringProp() supplierResponse: string;
  @StringProp() negotiationWindow: string;
  @StringProp() escalationAllowedAfter: string;
  @StringProp() pickupSla: string;
  @StringProp() evidenceWindow: string;
  @StringProp() decisionSla: string;
  @StringProp() appealWindow: string;
  @StringProp() claimWindowAfterReceipt: string;
  @StringProp() notReceivedAfterShip: string;
  @StringProp() autoConfirmAfterDelivery: string;
  @StringProp({ description: 'how long a party has to answer an evidence request that names no due time' }) evidenceRequestWindow: string;
  @StringArrayProp({ description: 'reminders go out this long before each deadline someone must meet, longest first' })
  reminderLeadTimes: string[];
  @ObjectProp(() => EvidenceLimitsView) evidenceLimits: EvidenceLimitsView;
  @ObjectProp(() => RefundArrivalDaysView, { description: 'days a sent refund takes to reach the buyer, per payment method' })
  refundArrivalDays: RefundArrivalDaysView;
}

export class DeadlineView {
  @EnumProp(DEADLINE_KINDS) kind: string;
  @EnumProp(DEADLINE_PARTIES, { description: 'who must act' }) party: string;
  @DateTimeProp() dueAt: string;
}

export class CaseView {
  @UuidProp() id: string;
  @UuidProp() orderId: string;
  @UuidProp() buyerId: string;
  @UuidProp() supplierId: string;
  @EnumProp(DISPUTE_REASONS) reason: string;
  @StringProp() description: string;
  @EnumProp(CASE_STATUSES) status: string;
  @MoneyProp() claim: MoneyDto;
  @ObjectProp(() => OfferView, { nullable: true, description: 'the offer or counter-offer on the table' }) latestOffer: OfferView | null;
  @StringProp({ nullable: true, description: "the supplier's statement rejecting the claim" }) rebuttal: string | null;
  @UuidProp({ nullable: true }) specialistId: string | null;
  @UuidProp({ nullable: true }) reviewerId: string | null;
  @ObjectProp(() => DecisionView, { nullable: true }) decision: DecisionView | null;
  @ArrayProp(() => AppealView) appeals: AppealView[];
  @ObjectProp(() => AppealDecisionView, { nullable: true }) appealDecision: AppealDecisionView | null;
  @ObjectProp(() => OutcomeView, { nullable: true, description: 'how the case was resolved, once it is' }) outcome: OutcomeView | null;
  @ArrayProp(() => DeadlineView, { description: 'every open deadline' }) deadlines: DeadlineView[];
  @BoolProp({ description: 'a pickup or decision SLA was missed' }) overdue: boolean;
  @ObjectProp(() => CasePolicyView, { description: 'the policy the case was opened under' }) policy: CasePolicyView;
  @DateTimeProp() createdAt: string;
  @DateTimeProp() updatedAt: string;
  @DateTimeProp({ nullable: true }) escalatedAt: string | null;
  @DateTimeProp({ nullable: true }) resolvedAt: string | null;
  @DateTimeProp({ nullable: true }) closedAt: string | null;
}

export class CasePageView extends PageOf(() => CaseView) {}

/** A row of the queue: the case and what staff recognise it by at a glance, the order's own reference. */
export class QueueCaseView extends CaseView {
  @StringProp({ nullable: true, description: "the order's externalRef (the marketplace's own reference), when it gave one" }) orderExternalRef: string | null;
}

export class QueueCasePageView extends PageOf(() => QueueCaseView) {}

class ActorView {
  @UuidProp() id: string;
  @EnumProp(ROLES) role: string;
}

export class EventView {
  @UuidProp({ description: 'the same as X-Event-Id of its webhook deliveries' }) id: string;
  @UuidProp() caseId: string;
  @EnumProp(CASE_EVENT_TYPES) type: string;
  @ObjectProp(() => ActorView, { nullable: true, description: 'null: the system (a deadline fired, a worker acted)' })
  actor: ActorView | null;
  @DateTimeProp() at: string;
  @MapProp({}, { description: "the event's details" }) data: Record<string, unknown>;
}

export class EventPageView extends PageOf(() => EventView) {}

export class MessageView {
  @UuidProp() id: string;
  @UuidProp() caseId: string;
  @UuidProp() authorId: string;
  @EnumProp(ROLES) authorRole: string;
  @StringProp() body: string;
  @StringArrayProp({ format: 'uuid' }) evidenceIds: string[];
  @DateTimeProp() createdAt: string;
}

export class MessagePageView extends PageOf(() => MessageView) {}

export class RefundView {
  @UuidProp() id: string;
  @UuidProp() caseId: string;
  @UuidProp() orderId: string;
  @MoneyProp() amount: MoneyDto;
  @EnumProp(PAYMENT_METHODS, { description: "the order's: a refund always goes back to the original payment method" }) paymentMethod: string;
  @EnumProp(REFUND_STATUSES) status: string;
  @IntProp({ minimum: 0 }) attempts: number;
  @StringProp({ nullable: true }) gatewayReference: string | null;
  @DateTimeProp({ nullable: true }) expectedArrivalAt: string | null;
  @DateTimeProp({ nullable: true }) sentAt: string | null;
  @DateTimeProp({ nullable: true }) succeededAt: string | null;
  @StringProp({ nullable: true }) failureReason: string | null;
  @DateTimeProp() createdAt: string;
}

export class RefundPageView extends PageOf(() => RefundView) {}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Field by field: a policy value added later shows once the view declares it. */
function toPolicyView(p: Policy): CasePolicyView {
  return {
    supplierResponse: p.supplierResponse,
    negotiationWindow: p.negotiationWindow,
    escalationAllowedAfter: p.escalationAllowedAfter,
    pickupSla: p.pickupSla,
    evidenceWindow: p.evidenceWindow,
    decisionSla: p.decisionSla,
    appealWindow: p.appealWindow,
    claimWindowAfterReceipt: p.claimWindowAfterReceipt,
    notReceivedAfterShip: p.notReceivedAfterShip,
    autoConfirmAfterDelivery: p.autoConfirmAfterDelivery,
    evidenceRequestWindow: p.evidenceRequestWindow,
    reminderLeadTimes: [...p.reminderLeadTimes],
    evidenceLimits: { maxBytes: { ...p.evidenceLimits.maxBytes }, maxItemsPerParty: p.evidenceLimits.maxItemsPerParty },
    refundArrivalDays: { ...p.refundArrivalDays },
  };
}

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
    policy: toPolicyView(c.policy),
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
