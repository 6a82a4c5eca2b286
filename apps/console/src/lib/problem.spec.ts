import { type Problem, splitProblem } from './problem';

const problem = (over: Partial<Problem>): Problem => ({ type: 'about:blank', title: 'Refused', status: 400, code: 'validation_failed', detail: 'Invalid request', ...over });

describe('problems shown next to what caused them', () => {
  it('puts field errors under their fields and leaves no alert when every one has a place', () => {
    const split = splitProblem(problem({ errors: [{ field: 'claim.amount', message: 'must be positive' }, { field: 'description', message: 'is too short' }] }), {
      'claim.amount': 'claim',
      description: 'description',
    });
    expect(split).toEqual({ fieldErrors: { claim: 'must be positive', description: 'is too short' }, general: null });
  });

  it('places a refusal code on its field, with the detail', () => {
    const split = splitProblem(problem({ status: 422, code: 'amount_exceeds_order', detail: 'The claim exceeds the order amount of 1,250.00 USD' }), { amount_exceeds_order: 'claim' });
    expect(split.fieldErrors).toEqual({ claim: 'The claim exceeds the order amount of 1,250.00 USD' });
    expect(split.general).toBeNull();
  });

  it('keeps the alert for anything without a place', () => {
    const refused = problem({ status: 409, code: 'invalid_state', detail: 'The case is resolved' });
    expect(splitProblem(refused, { 'claim.amount': 'claim' })).toEqual({ fieldErrors: {}, general: refused });
    const mixed = problem({ errors: [{ field: 'claim.amount', message: 'bad' }, { field: 'Idempotency-Key', message: 'too long' }] });
    expect(splitProblem(mixed, { 'claim.amount': 'claim' }).general).toBe(mixed);
  });
});
