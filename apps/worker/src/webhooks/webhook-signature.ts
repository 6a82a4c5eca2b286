import { createHmac } from 'node:crypto';

/**
 * API.md: `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`. During the
 * 24 hours after a rotation there are two secrets, the old one first: `t=<t>,v1=<old>,v1=<new>`, so a receiver that
 * still holds either verifies the delivery.
 */
export function webhookSignature(secrets: readonly string[], body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const signatures = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`);
  return [`t=${t}`, ...signatures].join(',');
}
