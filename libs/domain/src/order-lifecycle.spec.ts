import { DomainError } from './errors';
import { autoConfirmedAt, orderTransition, reportedTime } from './order-lifecycle';

describe('orderTransition', () => {
  it('follows awaiting_payment → in_escrow → shipped → delivered → completed', () => {
    expect(orderTransition('awaiting_payment', 'pay')).toBe('in_escrow');
    expect(orderTransition('in_escrow', 'ship')).toBe('shipped');
    expect(orderTransition('shipped', 'deliver')).toBe('delivered');
    expect(orderTransition('delivered', 'confirm_receipt')).toBe('completed');
    expect(orderTransition('delivered', 'auto_confirm')).toBe('completed');
  });

  it('refuses an action out of order with invalid_state', () => {
    expect(() => orderTransition('awaiting_payment', 'ship')).toThrow(expect.objectContaining({ code: 'invalid_state' }));
    expect(() => orderTransition('completed', 'pay')).toThrow(DomainError);
    expect(() => orderTransition('shipped', 'auto_confirm')).toThrow(expect.objectContaining({ code: 'invalid_state' }));
  });
});

describe('reportedTime', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  const createdAt = new Date('2026-01-01T00:00:00Z');
  const asPlatform = { now, notBefore: [{ at: createdAt, what: 'the order was created' }], reporter: 'platform', backdateLimit: 'PT1H' };
  const asSupplier = { ...asPlatform, reporter: 'supplier' };
  const at = (iso: string) => new Date(iso);

  it('defaults to now and accepts a late event from the platform, however old', () => {
    expect(reportedTime('paidAt', undefined, asPlatform)).toEqual(now);
    expect(reportedTime('shippedAt', at('2026-01-02T00:00:00Z'), asPlatform)).toEqual(at('2026-01-02T00:00:00Z'));
  });

  it('refuses the future (beyond a few seconds of clock skew), naming the field', () => {
    expect(reportedTime('paidAt', at('2026-01-10T12:00:04Z'), asPlatform)).toEqual(at('2026-01-10T12:00:04Z'));
    expect(() => reportedTime('paidAt', at('2026-01-10T12:00:06Z'), asPlatform)).toThrow(
      expect.objectContaining({ code: 'validation_failed', field: 'paidAt' }),
    );
  });

  it('refuses a time before what it follows: the previous step, the order itself', () => {
    expect(() => reportedTime('paidAt', at('2025-12-31T23:59:59Z'), asPlatform)).toThrow(
      expect.objectContaining({ code: 'validation_failed', field: 'paidAt', message: expect.stringContaining('the order was created') }),
    );
    const afterPayment = { ...asPlatform, notBefore: [{ at: at('2026-01-05T00:00:00Z'), what: 'the payment' }, { at: null, what: 'nothing' }] };
    expect(() => reportedTime('shippedAt', at('2026-01-04T00:00:00Z'), afterPayment)).toThrow(expect.objectContaining({ field: 'shippedAt' }));
  });

  it('lets a supplier date its own shipment at most lateEventTolerance back', () => {
    expect(reportedTime('shippedAt', at('2026-01-10T11:00:00Z'), asSupplier)).toEqual(at('2026-01-10T11:00:00Z'));
    expect(() => reportedTime('shippedAt', at('2026-01-10T10:59:59Z'), asSupplier)).toThrow(
      expect.objectContaining({ code: 'validation_failed', field: 'shippedAt', message: expect.stringContaining('only the platform') }),
    );
    // Nine days back, as in the finding: a late-shipment claim defeated by a date.
    expect(() => reportedTime('shippedAt', at('2026-01-01T12:00:00Z'), asSupplier)).toThrow(expect.objectContaining({ field: 'shippedAt' }));
  });
});

describe('autoConfirmedAt', () => {
  const policy = { autoConfirmAfterDelivery: 'P30D' };

  it('is the moment receipt confirmed itself, not when a sweep noticed', () => {
    const deliveredAt = new Date('2026-01-01T08:00:00Z');
    expect(autoConfirmedAt(deliveredAt, policy, new Date('2026-02-03T00:00:00Z'))).toEqual(new Date('2026-01-31T08:00:00Z'));
    // Never in the future, should a sweep run a little early.
    expect(autoConfirmedAt(deliveredAt, policy, new Date('2026-01-31T07:00:00Z'))).toEqual(new Date('2026-01-31T07:00:00Z'));
  });
});
