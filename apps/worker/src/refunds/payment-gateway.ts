import type { Money, PaymentMethod } from '@app/domain';

export interface RefundRequest {
  /** Derived from the case and its final decision: the gateway pays one refund per key, however often asked. */
  idempotencyKey: string;
  amount: Money;
  /** Refunds always go back to the original payment method. */
  paymentMethod: PaymentMethod;
  /** Our refund id, for the gateway's records. */
  reference: string;
}

export interface AcceptedRefund {
  reference: string;
  status: 'accepted';
}

export type GatewayRefundStatus = 'pending' | 'succeeded' | 'failed';

export interface GatewayRefund {
  reference: string;
  status: GatewayRefundStatus;
}

/** A payment provider as the refund worker sees it. Answers are asynchronous: accepted now, settled later. */
export interface PaymentGateway {
  createRefund(request: RefundRequest): Promise<AcceptedRefund>;
  getRefund(reference: string): Promise<GatewayRefund>;
  /**
   * The refund the gateway holds under this idempotency key, or null when it has none: asked before a refund whose
   * earlier call got no definite answer is sent again, so that it is never sent blind.
   */
  findRefund(idempotencyKey: string): Promise<GatewayRefund | null>;
}

export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');

/** No usable answer (timeout, 5xx, network): whether the gateway recorded the refund is unknown, so retry with the same key. */
export class GatewayUnavailableError extends Error {
  override readonly name = 'GatewayUnavailableError';
}

/** Refused for good (e.g. the key was already used for another amount): retrying cannot help, an admin must look. */
export class GatewayRejectedError extends Error {
  override readonly name = 'GatewayRejectedError';
}
