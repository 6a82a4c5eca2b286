/** The timeline and webhook event types of API.md; stored and sent to receivers, so never renamed. */
export const CASE_EVENT_TYPES = [
  'case.opened',
  'case.claim_edited',
  'case.offer_made',
  'case.offer_accepted',
  'case.rebuttal_submitted',
  'case.escalated',
  'case.assigned',
  'case.evidence_added',
  'case.message_posted',
  'case.decided',
  'case.appealed',
  'case.appeal_decided',
  'case.resolved',
  'case.withdrawn',
  'case.cancelled',
  'case.deadline_missed',
  'case.overdue',
  'refund.created',
  'refund.sent',
  'refund.succeeded',
  'refund.failed',
  'refund.retried',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** An event to append to the timeline and the outbox; the caller adds id, case, actor and time. */
export interface CaseEventDraft {
  type: CaseEventType;
  data: Record<string, unknown>;
}
