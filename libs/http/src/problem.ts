import type { DomainErrorCode } from '@app/domain';
import { HttpException, HttpStatus } from '@nestjs/common';

/** The codes of API.md: the domain's refusals plus those only the HTTP layer gives. */
export type ErrorCode =
  | DomainErrorCode
  | 'unauthenticated'
  | 'idempotency_in_progress'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'internal_error';

/** API.md's table: every error code has exactly one status. */
export const STATUS_OF: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_state: 409,
  case_already_open: 409,
  too_early: 409,
  deadline_passed: 409,
  evidence_window_closed: 409,
  evidence_limit_reached: 409,
  already_appealed: 409,
  conflict_of_interest: 409,
  idempotency_in_progress: 409,
  offer_changed: 409,
  not_covered: 422,
  claim_window_closed: 422,
  amount_exceeds_order: 422,
  currency_mismatch: 422,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
};

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem document, as API.md shapes it. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  errorId?: string;
}

export function problem(code: ErrorCode, detail: string, errors?: FieldError[]): ProblemDocument {
  const status = STATUS_OF[code];
  return {
    type: `https://arbiter.dev/problems/${code.replace(/_/g, '-')}`,
    title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase()) ?? 'Error',
    status,
    detail,
    code,
    ...(errors?.length ? { errors } : {}),
  };
}

/** For the few places outside the domain (guards, pipes, interceptors) that refuse a request themselves. */
export class ProblemException extends HttpException {
  constructor(code: ErrorCode, detail: string, errors?: FieldError[]) {
    super(problem(code, detail, errors), STATUS_OF[code]);
  }
}
