import { parseDuration } from './duration';
import {
  DEFAULT_POLICY,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_ITEMS_PER_PARTY,
  PAYMENT_METHODS,
  REFUND_ARRIVAL_DAYS,
  refundExpectedArrival,
} from './policy';

describe('policy', () => {
  it('has the defaults of DOMAIN.md, all valid durations', () => {
    expect(DEFAULT_POLICY).toEqual({
      supplierResponse: 'P3D',
      negotiationWindow: 'P7D',
      escalationAllowedAfter: 'P3D',
      pickupSla: 'P2D',
      evidenceWindow: 'P3D',
      decisionSla: 'P2D',
      appealWindow: 'P10D',
      claimWindowAfterReceipt: 'P30D',
      notReceivedAfterShip: 'P30D',
      autoConfirmAfterDelivery: 'P30D',
      lateEventTolerance: 'PT1H',
    });
    for (const duration of Object.values(DEFAULT_POLICY)) expect(parseDuration(duration)).toBeGreaterThan(0);
  });

  it('knows the refund arrival days of every payment method', () => {
    expect(PAYMENT_METHODS.map((method) => REFUND_ARRIVAL_DAYS[method])).toEqual([10, 7, 3, 7, 15]);
    expect(refundExpectedArrival(new Date('2030-01-01T10:00:00Z'), 'e_checking')).toEqual(new Date('2030-01-04T10:00:00Z'));
  });

  it('limits evidence to 25 MiB for images and documents, 2 GiB for videos, 50 items per party', () => {
    expect(EVIDENCE_MAX_BYTES).toEqual({ image: 26214400, document: 26214400, video: 2147483648 });
    expect(EVIDENCE_MAX_ITEMS_PER_PARTY).toBe(50);
  });
});
