import type { CaseApi } from '@app/api-client';

type Case = CaseApi.Case;

export const REASON_LABELS: Record<Case['reason'], string> = {
  not_shipped_on_time: 'Not shipped on time',
  not_received: 'Not received',
  quality_not_as_agreed: 'Quality not as agreed',
  damaged: 'Damaged',
  quantity_short: 'Quantity short',
  wrong_item: 'Wrong item',
};

export const STATUS_LABELS: Record<Case['status'], string> = {
  open: 'Open',
  negotiating: 'Negotiating',
  escalated: 'Escalated',
  under_review: 'Under review',
  decided: 'Decided',
  appealed: 'Appealed',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  cancelled: 'Cancelled',
};

export const ORDER_STATUS_LABELS: Record<CaseApi.Order['status'], string> = {
  awaiting_payment: 'Awaiting payment',
  in_escrow: 'Paid, in escrow',
  shipped: 'Shipped',
  delivered: 'Delivered',
  completed: 'Completed',
};

export const PAYMENT_METHOD_LABELS: Record<CaseApi.Order['paymentMethod'], string> = {
  credit_card: 'Credit card',
  tt: 'T/T (wire transfer)',
  e_checking: 'e-Checking',
  boleto: 'Boleto',
  pay_later: 'Pay Later',
};

/** What each deadline asks of whom, in the words of the one who must act. */
export const DEADLINE_LABELS: Record<CaseApi.Deadline['kind'], string> = {
  supplier_response: 'Answer the claim: accept it, make an offer or reject it with a rebuttal',
  escalation_allowed: 'Escalation to a trade specialist becomes possible',
  auto_escalation: 'The case goes to a trade specialist unless you agree',
  pickup: 'A trade specialist takes the case',
  evidence: 'Add your evidence',
  evidence_request: 'Send the evidence the specialist asked for',
  decision: 'Record the decision',
  appeal: 'Appeal the decision, if you disagree',
};

export const OUTCOME_LABELS: Record<CaseApi.Decision['outcome'], string> = {
  refund_full: 'Full refund',
  refund_partial: 'Partial refund',
  no_refund: 'No refund',
};

export const RULING_LABELS: Record<CaseApi.AppealDecision['ruling'], string> = { upheld: 'Upheld', modified: 'Modified' };

export const RESOLUTION_LABELS: Record<CaseApi.Outcome['kind'], string> = {
  agreed: 'Agreed between the parties',
  supplier_unresponsive: 'The supplier did not answer in time',
  decision: "The specialist's decision",
  appeal: "The reviewer's ruling on appeal",
};

export const EVENT_LABELS: Record<CaseApi.Event['type'], string> = {
  'case.opened': 'Dispute opened',
  'case.claim_edited': 'Claim edited',
  'case.offer_made': 'Offer made',
  'case.offer_accepted': 'Offer accepted',
  'case.rebuttal_submitted': 'Claim rejected with a rebuttal',
  'case.escalated': 'Escalated to a trade specialist',
  'case.assigned': 'Taken by',
  'case.evidence_added': 'Evidence added',
  'case.message_posted': 'Message',
  'case.decided': 'Decision recorded',
  'case.appealed': 'Appealed',
  'case.appeal_decided': 'Ruling on appeal recorded',
  'case.resolved': 'Resolved',
  'case.withdrawn': 'Withdrawn by the buyer',
  'case.cancelled': 'Cancelled',
  'case.deadline_missed': 'Deadline missed',
  'case.overdue': 'Overdue',
  'case.evidence_requested': 'Evidence requested',
  'case.reminder_sent': 'Reminder sent',
  'refund.created': 'Refund created',
  'refund.sent': 'Refund sent',
  'refund.succeeded': 'Refund arrived',
  'refund.failed': 'Refund failed',
  'refund.retried': 'Refund sent again',
};

export const ROLE_LABELS: Record<CaseApi.Actor['role'], string> = {
  buyer: 'Buyer',
  supplier: 'Supplier',
  specialist: 'Trade specialist',
  reviewer: 'Reviewer',
  platform: 'Marketplace',
  admin: 'Operations',
};

export const REFUND_STATUS_LABELS: Record<CaseApi.Refund['status'], string> = {
  pending: 'Pending',
  processing: 'Processing',
  sent: 'Sent',
  succeeded: 'Arrived',
  failed: 'Failed',
};

/** Where a webhook delivery stands, in words. */
export const DELIVERY_STATUS_LABELS: Record<CaseApi.WebhookDelivery['status'], string> = {
  pending: 'Waiting to be sent',
  delivered: 'Delivered',
  failed: 'Failed, no more retries',
};

/** The first 8 characters of an id: how people name a case in the queue and in conversation. */
export const shortId = (id: string): string => id.slice(0, 8);
