import { DomainError } from './errors';
import { eventTime, orderTransition } from './order-lifecycle';

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

describe('eventTime', () => {
  const now = new Date('2026-01-10T00:00:00Z');

  it('defaults to now and accepts a late event', () => {
    expect(eventTime(undefined, now, null, 'paidAt')).toEqual(now);
    const late = new Date('2026-01-09T00:00:00Z');
    expect(eventTime(late, now, null, 'paidAt')).toEqual(late);
  });

  it('refuses the future and times before the previous step, naming the field', () => {
    expect(() => eventTime(new Date('2026-01-11T00:00:00Z'), now, null, 'paidAt')).toThrow(
      expect.objectContaining({ code: 'validation_failed', field: 'paidAt' }),
    );
    expect(() => eventTime(new Date('2026-01-01T00:00:00Z'), now, new Date('2026-01-05T00:00:00Z'), 'shippedAt')).toThrow(
      expect.objectContaining({ code: 'validation_failed', field: 'shippedAt' }),
    );
  });
});
