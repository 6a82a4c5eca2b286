import { type Standing, standingReasons } from './standing-reasons';

const standing = (over: Partial<Standing['figures']>, reasons: Standing['reasons']): Standing => ({
  supplierId: '7c1e4a52-0000-4000-8000-000000000001',
  period: { from: '2030-06-01T10:00:00.000Z', to: '2030-12-01T10:00:00.000Z' },
  eligible: reasons.length === 0,
  reasons,
  figures: { completedOrders: 3, completedValue: [], disputes: 1, awaitingResponse: 0, disputeRate: 0.3333, lostRate: 0.5, responseRate: 0.5, ...over },
  thresholds: { minOrders: 10, maxDisputeRate: 0.05, maxLostRate: 0.2, minResponseRate: 0.8, period: 'P6M' },
});

describe('a supplier standing in words', () => {
  it('says each failed rule with its figure and its limit', () => {
    expect(standingReasons(standing({}, ['too_few_orders', 'dispute_rate', 'lost_rate', 'response_rate']))).toEqual([
      'Too few completed orders: 3 orders were completed in the period, and at least 10 are needed.',
      'Too many disputes: 33.3 % of completed orders were disputed (1 dispute), and at most 5 % is allowed.',
      'Too many disputes lost: 50 % were resolved for the buyer by a decision, an appeal or an unanswered claim, and at most 20 % is allowed.',
      'Too few disputes answered in time: 50 % were answered within the response deadline, and at least 80 % is needed.',
    ]);
  });

  it('says nothing against an eligible supplier, and counts in the singular', () => {
    expect(standingReasons(standing({}, []))).toEqual([]);
    expect(standingReasons(standing({ completedOrders: 1 }, ['too_few_orders']))[0]).toContain('1 order was completed');
  });
});
