// What a marketplace's order system does through the case API (as the `platform`): record orders, their
// payment, shipment and delivery. `npm start` uses it to give the development buyer orders to dispute
// (scripts/demo-orders.ts); the console's browser tests use it to set up the orders of their journeys.
import { createHmac, randomUUID } from 'node:crypto';

export interface Marketplace {
  /** The case API's base address, e.g. http://localhost:3000 */
  url: string;
  token: string;
}

/** An HS256 bearer token, as `npm run token` signs them (development and tests only). */
export function signedToken(secret: string, role: string, sub: string, ttlSeconds = 12 * 3600): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ role, sub, iat: now, exp: now + ttlSeconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(method === 'POST' && { 'Idempotency-Key': randomUUID() }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface OrderSpec {
  buyerId: string;
  supplierId: string;
  amount: number;
  currency?: string;
  paymentMethod?: 'credit_card' | 'tt' | 'e_checking' | 'boleto' | 'pay_later';
  externalRef?: string;
  items?: Array<{ description: string; quantity: number; unitPrice: number }>;
  shipBy?: Date;
  /**
   * How far the order has got, each step recorded now: a payment is never dated before the order was recorded
   * (DOMAIN.md "Reported times"), and an order recorded now was paid now.
   */
  reached?: 'paid' | 'shipped' | 'delivered';
}

const STEPS = ['paid', 'shipped', 'delivered'] as const;

const DAY = 86_400_000;

/** Records an order and walks it as far as the spec says (paid, shipped, delivered). Returns its id. */
export async function recordOrder(m: Marketplace, spec: OrderSpec): Promise<string> {
  const currency = spec.currency ?? 'USD';
  const order = await call<{ id: string }>(m.url, m.token, 'POST', '/v1/orders', {
    buyerId: spec.buyerId,
    supplierId: spec.supplierId,
    amount: { amount: spec.amount, currency },
    paymentMethod: spec.paymentMethod ?? 'credit_card',
    shipBy: (spec.shipBy ?? new Date(Date.now() + 7 * DAY)).toISOString(),
    tradeAssurance: true,
    customized: false,
    ...(spec.externalRef && { externalRef: spec.externalRef }),
    ...(spec.items && { items: spec.items.map((i) => ({ description: i.description, quantity: i.quantity, unitPrice: { amount: i.unitPrice, currency } })) }),
  });
  const reached = spec.reached ? STEPS.indexOf(spec.reached) : -1;
  if (reached >= 0) await call(m.url, m.token, 'POST', `/v1/orders/${order.id}/payment`, { reference: `PSP-${order.id.slice(0, 8)}` });
  if (reached >= 1) await call(m.url, m.token, 'POST', `/v1/orders/${order.id}/shipment`, { carrier: 'DHL', trackingNumber: `JD0146${order.id.slice(0, 6)}` });
  if (reached >= 2) await call(m.url, m.token, 'POST', `/v1/orders/${order.id}/delivery`, {});
  return order.id;
}

/** A covered, delivered order: quality, damage, quantity and wrong-item disputes may be opened on it. */
export function deliveredOrder(buyerId: string, supplierId: string, over: Partial<OrderSpec> = {}): OrderSpec {
  return {
    buyerId,
    supplierId,
    amount: 125_000,
    reached: 'delivered',
    items: [{ description: 'Steel bolts M8 × 40, box of 500', quantity: 20, unitPrice: 6_250 }],
    ...over,
  };
}
