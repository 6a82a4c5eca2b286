import { canSeeCase, canSeeOrder } from './visibility';

const buyer = { id: 'b1', role: 'buyer' as const };
const supplier = { id: 's1', role: 'supplier' as const };
const base = { buyerId: 'b1', supplierId: 's1', specialistId: null, reviewerId: null, status: 'open', overdue: false };

describe('canSeeCase', () => {
  it('shows a case to its own parties only', () => {
    expect(canSeeCase(buyer, base)).toBe(true);
    expect(canSeeCase(supplier, base)).toBe(true);
    expect(canSeeCase({ id: 'b2', role: 'buyer' }, base)).toBe(false);
    expect(canSeeCase({ id: 's2', role: 'supplier' }, base)).toBe(false);
  });

  it('shows escalated unassigned cases to any specialist, then only to the assignee', () => {
    const specialist = { id: 'sp1', role: 'specialist' as const };
    expect(canSeeCase(specialist, base)).toBe(false);
    expect(canSeeCase(specialist, { ...base, status: 'escalated' })).toBe(true);
    expect(canSeeCase(specialist, { ...base, status: 'under_review', specialistId: 'sp2' })).toBe(false);
    expect(canSeeCase(specialist, { ...base, status: 'under_review', specialistId: 'sp1' })).toBe(true);
  });

  it('shows appealed unassigned and overdue cases to any reviewer', () => {
    const reviewer = { id: 'r1', role: 'reviewer' as const };
    expect(canSeeCase(reviewer, { ...base, status: 'decided' })).toBe(false);
    expect(canSeeCase(reviewer, { ...base, status: 'appealed' })).toBe(true);
    expect(canSeeCase(reviewer, { ...base, status: 'appealed', reviewerId: 'r2' })).toBe(false);
    expect(canSeeCase(reviewer, { ...base, status: 'under_review', overdue: true })).toBe(true);
  });

  it('lets platform and admin read every case', () => {
    expect(canSeeCase({ id: 'p', role: 'platform' }, base)).toBe(true);
    expect(canSeeCase({ id: 'a', role: 'admin' }, base)).toBe(true);
  });
});

describe('canSeeOrder', () => {
  it('shows an order to its parties, platform and admin', () => {
    const order = { buyerId: 'b1', supplierId: 's1' };
    expect(canSeeOrder(buyer, order)).toBe(true);
    expect(canSeeOrder({ id: 'b2', role: 'buyer' }, order)).toBe(false);
    expect(canSeeOrder({ id: 'sp', role: 'specialist' }, order)).toBe(false);
    expect(canSeeOrder({ id: 'p', role: 'platform' }, order)).toBe(true);
  });
});
