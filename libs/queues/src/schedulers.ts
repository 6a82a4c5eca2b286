// Job scheduler ids are stored in Redis like queue and job names: never rename them.
export const SCHEDULERS = {
  deadlineSweep: 'deadline-sweep',
  refundSweep: 'refund-sweep',
  webhookDispatch: 'webhook-dispatch',
  evidenceSweep: 'evidence-sweep',
} as const;
export type SchedulerId = (typeof SCHEDULERS)[keyof typeof SCHEDULERS];

/** How often the outbox is turned into webhook deliveries when nothing nudges the dispatcher. */
export const WEBHOOK_DISPATCH_EVERY_MS = 1000;
