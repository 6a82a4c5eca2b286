import type { CaseApi } from '@app/api-client';

export type Problem = CaseApi.Problem;
export type ProblemCode = Problem['code'];

/** A refusal of the API (its problem document), or a failure to reach it, carried as an Error. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }

  get code(): ProblemCode {
    return this.problem.code;
  }
}

export function isProblem(value: unknown): value is Problem {
  const p = value as Partial<Problem> | null;
  return !!p && typeof p === 'object' && typeof p.code === 'string' && typeof p.detail === 'string' && typeof p.status === 'number';
}

/** Any thrown thing as a problem to show: the API's document, or a sentence for what is not one. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  const unreachable = error instanceof TypeError;
  return {
    type: 'about:blank',
    title: unreachable ? 'Service unreachable' : 'Unexpected error',
    status: 0,
    code: 'internal_error',
    detail: unreachable ? 'The service could not be reached. Check the connection and try again.' : String((error as Error)?.message ?? error),
  };
}

/**
 * Splits a problem into the messages of the fields a form shows and the rest (an alert). `fields` maps the
 * API's field paths (`claim.amount`) and refusal codes (`amount_exceeds_order`) to the form's own names.
 */
export function splitProblem(problem: Problem, fields: Record<string, string>): { fieldErrors: Record<string, string>; general: Problem | null } {
  const fieldErrors: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    const name = fields[error.field] ?? fields[error.field.split('.')[0]];
    if (name) fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${error.message}` : error.message;
  }
  const byCode = fields[problem.code];
  if (byCode && !fieldErrors[byCode]) fieldErrors[byCode] = problem.detail;
  const unplaced = (problem.errors ?? []).some((e) => !fields[e.field] && !fields[e.field.split('.')[0]]);
  const placed = Object.keys(fieldErrors).length > 0;
  return { fieldErrors, general: placed && !unplaced ? null : problem };
}
