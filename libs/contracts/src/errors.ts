/** Domain errors carry a code; only the API maps codes to HTTP statuses. */
export type DomainErrorCode =
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'unavailable'
  /** A file over its size limit. */
  | 'too_large'
  /** A file of a type that is not accepted. */
  | 'unsupported_type';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Per-field messages, for `invalid`. */
    readonly fields?: Record<string, string[]>,
    /** Per field, the rule behind each of its messages (same order), for clients to word them. */
    readonly codes?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
