import { createHmac } from 'node:crypto';
import { webhookSignature } from './webhook-signature';

describe('webhookSignature', () => {
  const at = new Date('2025-01-02T03:04:05.678Z');
  const body = '{"id":"e1"}';
  const hmac = (secret: string) => createHmac('sha256', secret).update(`1735787045.${body}`).digest('hex');

  it('signs "<t>.<body>" with the secret, t in unix seconds', () => {
    expect(webhookSignature(['secret'], body, at)).toBe(`t=1735787045,v1=${hmac('secret')}`);
  });

  it('carries one signature per secret, in the order given (the old one first during a rotation)', () => {
    expect(webhookSignature(['old', 'new'], body, at)).toBe(`t=1735787045,v1=${hmac('old')},v1=${hmac('new')}`);
  });

  it('changes with the body and the secret', () => {
    const now = new Date();
    expect(webhookSignature(['secret'], '{}', now)).not.toBe(webhookSignature(['secret'], '{ }', now));
    expect(webhookSignature(['secret'], '{}', now)).not.toBe(webhookSignature(['other'], '{}', now));
  });
});
