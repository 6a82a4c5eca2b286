import { eligibility, EligibilityRules, StandingCounts, standingRates } from './supplier-standing';

// DOMAIN.md's defaults, spelled out: a test states the expected values rather than importing them.
const rules: EligibilityRules = { minOrders: 10, maxDisputeRate: 0.05, maxLostRate: 0.2, minResponseRate: 0.8 };
const counts = (c: Partial<StandingCounts>): StandingCounts => ({
  completedOrders: 0,
  disputes: 0,
  lost: 0,
  respondedInTime: 0,
  awaitingResponse: 0,
  ...c,
});

describe('standingRates', () => {
  it('with no disputes the rates are 0, 0 and 1', () => {
    expect(standingRates(counts({ completedOrders: 40 }))).toEqual({ disputeRate: 0, lostRate: 0, responseRate: 1 });
    expect(standingRates(counts({}))).toEqual({ disputeRate: 0, lostRate: 0, responseRate: 1 });
  });

  it('divides disputes by completed orders, lost and answered-in-time by disputes', () => {
    expect(standingRates(counts({ completedOrders: 40, disputes: 4, lost: 1, respondedInTime: 3 }))).toEqual({
      disputeRate: 0.1,
      lostRate: 0.25,
      responseRate: 0.75,
    });
  });

  it('caps the dispute rate at 1, also with disputes but no completed order', () => {
    expect(standingRates(counts({ completedOrders: 2, disputes: 5 })).disputeRate).toBe(1);
    expect(standingRates(counts({ completedOrders: 0, disputes: 1 })).disputeRate).toBe(1);
  });

  it('leaves disputes still awaiting a first answer out of the response rate', () => {
    expect(standingRates(counts({ disputes: 5, respondedInTime: 3, awaitingResponse: 1 })).responseRate).toBe(0.75);
    expect(standingRates(counts({ disputes: 2, awaitingResponse: 2 })).responseRate).toBe(1);
  });
});

describe('eligibility', () => {
  it('is eligible with enough orders and every rate within its threshold, the thresholds included', () => {
    // At each threshold: 3 of 60 orders disputed (0.05), 2 of 10 disputes lost (0.2), 8 of 10 answered in time (0.8).
    expect(eligibility(counts({ completedOrders: 60, disputes: 3, respondedInTime: 3 }), rules)).toEqual({ eligible: true, reasons: [] });
    expect(eligibility(counts({ completedOrders: 200, disputes: 10, lost: 2, respondedInTime: 8 }), rules)).toEqual({ eligible: true, reasons: [] });
    expect(eligibility(counts({ completedOrders: 10 }), rules)).toEqual({ eligible: true, reasons: [] });
  });

  it('names each rule it fails, in a fixed order', () => {
    expect(eligibility(counts({ completedOrders: 9 }), rules)).toEqual({ eligible: false, reasons: ['too_few_orders'] });
    expect(eligibility(counts({ completedOrders: 100, disputes: 6, respondedInTime: 6 }), rules).reasons).toEqual(['dispute_rate']);
    expect(eligibility(counts({ completedOrders: 100, disputes: 5, lost: 2, respondedInTime: 5 }), rules).reasons).toEqual(['lost_rate']);
    expect(eligibility(counts({ completedOrders: 100, disputes: 5, respondedInTime: 3 }), rules).reasons).toEqual(['response_rate']);
    expect(eligibility(counts({ completedOrders: 3, disputes: 3, lost: 3 }), rules)).toEqual({
      eligible: false,
      reasons: ['too_few_orders', 'dispute_rate', 'lost_rate', 'response_rate'],
    });
  });

  it('follows the thresholds it is given', () => {
    const lenient: EligibilityRules = { minOrders: 0, maxDisputeRate: 1, maxLostRate: 1, minResponseRate: 0 };
    expect(eligibility(counts({ completedOrders: 1, disputes: 1, lost: 1 }), lenient)).toEqual({ eligible: true, reasons: [] });
  });
});
