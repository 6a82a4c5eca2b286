/** Every refusal the business rules can give; the HTTP layer maps each code to a status (API.md). */
export type DomainErrorCode =
  | 'validation_failed'
  | 'forbidden'
  | 'not_found'
  | 'invalid_state'
  | 'case_already_open'
  | 'too_early'
  | 'deadline_passed'
  | 'evidence_window_closed'
  | 'evidence_limit_reached'
  | 'already_appealed'
  | 'conflict_of_interest'
  | 'offer_changed'
  | 'not_covered'
  | 'claim_window_closed'
  | 'amount_exceeds_order'
  | 'currency_mismatch'
  | 'payload_too_large'
  | 'unsupported_media_type';

/**
 * A rule said no. Services throw it and never an HttpException, so one exception
 * filter owns the code → status mapping. `field` is the request field the problem
 * is about (e.g. 'claim.amount'), for the problem document's `errors` list.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
