/** A refund's way to the buyer (DOMAIN.md "Refund payouts"). */
export const REFUND_STATUSES = ['pending', 'processing', 'sent', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
