import { isRecord } from '../shared';

/**
 * Domain errors carry a stable code that the API maps to an HTTP status and the
 * activity boundary maps to a non-retryable ApplicationFailure. Messages are meant
 * for the person who has to act on them and never contain personal data.
 */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'TRANSITION_REFUSED'
  | 'ROLE_NOT_ALLOWED'
  // Maker-checker: the member who asked for a change may not approve it.
  | 'SELF_APPROVAL_REFUSED'
  // An Idempotency-Key sent again with another command or payload (IETF draft: 422).
  | 'IDEMPOTENCY_KEY_REUSED';

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailed extends DomainError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
      fields: problems,
    });
  }
}

/** The request body as an object, or a 400 that says it must be one. */
export function jsonObjectBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) {
    throw new ValidationFailed([{ field: 'body', reason: 'must be a JSON object' }]);
  }
  return body;
}
