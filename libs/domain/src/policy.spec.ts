import { parseDuration } from './duration';
import {
  DEFAULT_POLICY,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_ITEMS_PER_PARTY,
  parseLeadTimes,
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
      evidenceRequestWindow: 'P2D',
      reminderLeadTimes: ['PT24H', 'PT2H'],
      evidenceLimits: { maxBytes: { image: 26214400, document: 26214400, video: 2147483648 }, maxItemsPerParty: 50 },
      refundArrivalDays: { credit_card: 10, tt: 7, e_checking: 3, boleto: 7, pay_later: 15 },
    });
    const { reminderLeadTimes, evidenceLimits: _limits, refundArrivalDays: _days, ...durations } = DEFAULT_POLICY;
    for (const duration of [...Object.values(durations), ...reminderLeadTimes]) expect(parseDuration(duration)).toBeGreaterThan(0);
  });

  it('reads reminder lead times longest first, refusing zero, repeats and anything not a duration', () => {
    expect(parseLeadTimes('PT2H,PT24H')).toEqual(['PT24H', 'PT2H']);
    expect(parseLeadTimes(' PT30M , P1D ,PT2H')).toEqual(['P1D', 'PT2H', 'PT30M']);
    expect(() => parseLeadTimes('PT0S')).toThrow('lead time "PT0S" must be longer than zero');
    expect(() => parseLeadTimes('PT1H,PT60M')).toThrow('lead time "PT60M" is listed twice');
    expect(() => parseLeadTimes('PT1H,,PT2H')).toThrow('invalid duration ""');
    expect(() => parseLeadTimes('1 day')).toThrow('invalid duration "1 day"');
  });

  it('knows the refund arrival days of every payment method', () => {
    expect(PAYMENT_METHODS.map((method) => REFUND_ARRIVAL_DAYS[method])).toEqual([10, 7, 3, 7, 15]);
    expect(refundExpectedArrival(new Date('2030-01-01T10:00:00Z'), 'e_checking')).toEqual(new Date('2030-01-04T10:00:00Z'));
    // A case's own arrival days, when it was opened under other ones.
    const days = { ...REFUND_ARRIVAL_DAYS, e_checking: 5 };
    expect(refundExpectedArrival(new Date('2030-01-01T10:00:00Z'), 'e_checking', days)).toEqual(new Date('2030-01-06T10:00:00Z'));
  });

  it('limits evidence to 25 MiB for images and documents, 2 GiB for videos, 50 items per party', () => {
    expect(EVIDENCE_MAX_BYTES).toEqual({ image: 26214400, document: 26214400, video: 2147483648 });
    expect(EVIDENCE_MAX_ITEMS_PER_PARTY).toBe(50);
  });
});
