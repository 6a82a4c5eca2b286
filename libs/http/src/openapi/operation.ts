import type { DomainErrorCode } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiOperation } from '@nestjs/swagger';

export interface OperationOptions {
  /** Stable and readable: client generators name their functions after it. Never rename one. */
  id: string;
  summary: string;
  description?: string;
  /**
   * The refusals of the route itself. The document adds those every route of its kind can give:
   * validation_failed, not_found for a path id, unauthenticated and rate_limited behind a token,
   * forbidden for a route limited to roles, the Idempotency-Key codes on POST, internal_error.
   */
  problems?: DomainErrorCode[];
}

export const PROBLEM_CODES_EXTENSION = 'x-problem-codes';

/** One decorator per route: its name in the document, its summary, and the problems it can answer. */
export const Operation = ({ id, summary, description, problems = [] }: OperationOptions) =>
  applyDecorators(ApiOperation({ operationId: id, summary, description }), ApiExtension(PROBLEM_CODES_EXTENSION, problems));
