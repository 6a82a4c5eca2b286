import { createHmac } from 'node:crypto';
import { webhookSignature } from './webhook-signature';

describe('webhookSignature', () => {
  it('signs "<t>.<body>" with the secret, t in unix seconds', () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    const body = '{"id":"e1"}';
    const expected = createHmac('sha256', 'secret').update(`1735787045.${body}`).digest('hex');
    expect(webhookSignature('secret', body, at)).toBe(`t=1735787045,v1=${expected}`);
  });

  it('changes with the body and the secret', () => {
    const at = new Date();
    expect(webhookSignature('secret', '{}', at)).not.toBe(webhookSignature('secret', '{ }', at));
    expect(webhookSignature('secret', '{}', at)).not.toBe(webhookSignature('other', '{}', at));
  });
});
