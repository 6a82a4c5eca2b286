// Queue and job names are stored in Redis: never rename them.
export const QUEUES = {
  deadlines: 'deadlines',
  refunds: 'refunds',
  webhooks: 'webhooks',
  evidence: 'evidence',
  mail: 'mail',
  media: 'media',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  deadlineDue: 'deadline.due',
  deadlineSweep: 'deadline.sweep',
  reminderSweep: 'reminder.sweep',
  orderAutoConfirm: 'order.auto-confirm',
  refundSend: 'refund.send',
  refundConfirm: 'refund.confirm',
  refundSweep: 'refund.sweep',
  webhookDispatch: 'webhook.dispatch',
  webhookDeliver: 'webhook.deliver',
  evidenceVerify: 'evidence.verify',
  evidenceExpire: 'evidence.expire',
  mailDispatch: 'mail.dispatch',
  evidenceDerive: 'evidence.derive',
} as const;

/** Payloads carry ids only: the handler reloads the rows and re-checks their state. */
export interface JobPayloads {
  [JOBS.deadlineDue]: { caseId: string; kind: string };
  [JOBS.deadlineSweep]: Record<string, never>;
  [JOBS.reminderSweep]: Record<string, never>;
  [JOBS.orderAutoConfirm]: { orderId: string };
  [JOBS.refundSend]: { refundId: string };
  [JOBS.refundConfirm]: { refundId: string };
  [JOBS.refundSweep]: Record<string, never>;
  [JOBS.webhookDispatch]: Record<string, never>;
  [JOBS.webhookDeliver]: { deliveryId: string };
  [JOBS.evidenceVerify]: { evidenceId: string };
  [JOBS.evidenceExpire]: Record<string, never>;
  [JOBS.mailDispatch]: Record<string, never>;
  [JOBS.evidenceDerive]: { evidenceId: string };
}
export type JobName = keyof JobPayloads;

/**
 * Deterministic job ids: the same alarm scheduled twice is one job.
 * BullMQ accepts a ':' in a custom id only as exactly three parts.
 */
export const jobIds = {
  deadline: (caseId: string, kind: string) => `deadline:${caseId}:${kind}`,
  refund: (refundId: string) => `refund:${refundId}:send`,
  refundConfirm: (refundId: string) => `refund:${refundId}:confirm`,
  webhookDelivery: (deliveryId: string) => `webhook:${deliveryId}:deliver`,
  evidenceVerify: (evidenceId: string) => `evidence:${evidenceId}:verify`,
  evidenceDerive: (evidenceId: string) => `evidence:${evidenceId}:derive`,
};
