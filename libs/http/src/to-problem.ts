import { DomainError } from '@app/domain';
import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErrorCode, problem, ProblemDocument } from './problem';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'invalid_state',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Turns anything thrown while serving a request into the problem document the client sees. */
export function toProblem(error: unknown): ProblemDocument {
  if (error instanceof DomainError) {
    return problem(error.code, error.message, error.field ? [{ field: error.field, message: error.message }] : undefined);
  }
  // A JSON body in a charset or encoding the parser does not read is a malformed request, not a media type
  // refused (Nest wraps body-parser's errors in an HttpException with the original as its cause).
  const parserError = ((error as { cause?: unknown })?.cause ?? error) as { type?: string; message?: string };
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return problem('validation_failed', 'The request body must be JSON in UTF-8', [{ field: 'body', message: String(parserError.message) }]);
  }
  if (error instanceof HttpException) {
    const response = error.getResponse();
    if (typeof response === 'object' && response !== null && 'code' in response) return response as ProblemDocument;
    const code = CODE_OF_STATUS[error.getStatus()];
    if (code) return problem(code, messageOf(response, error.message));
  }
  // body-parser and multer errors carry an HTTP status of their own (malformed JSON, body too large).
  const status = (error as { status?: number; statusCode?: number })?.status ?? (error as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && CODE_OF_STATUS[status]) {
    const detail = status === 400 ? 'The request body is not valid JSON' : (error as Error).message;
    return problem(CODE_OF_STATUS[status], detail);
  }
  return { ...problem('internal_error', 'An unexpected error occurred; quote the errorId when reporting it'), errorId: randomUUID() };
}

function messageOf(response: string | object, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : fallback;
}
