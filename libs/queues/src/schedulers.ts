// Job scheduler ids are stored in Redis like queue and job names: never rename them.
export const SCHEDULERS = {
  deadlineSweep: 'deadline-sweep',
  reminderSweep: 'reminder-sweep',
  refundSweep: 'refund-sweep',
  webhookDispatch: 'webhook-dispatch',
  evidenceSweep: 'evidence-sweep',
  mailDispatch: 'mail-dispatch',
} as const;
export type SchedulerId = (typeof SCHEDULERS)[keyof typeof SCHEDULERS];

/** How often the outbox is turned into webhook deliveries when nothing nudges the dispatcher. */
export const WEBHOOK_DISPATCH_EVERY_MS = 1000;

/** How often pending reminder e-mails are looked for when nothing nudges the mail dispatcher (retries come due). */
export const MAIL_DISPATCH_EVERY_MS = 5000;
