import type { DomainError } from './errors';
import { allow, refuse, type Verdict } from './verdict';

/** A change one person asked for and another must decide. */
export interface MakerCheckerRequest {
  readonly requestedBy: string;
}

/**
 * Maker-checker (four eyes): whoever asked for a change may not be the one who decides
 * it. Each kind of request words its own refusal, because the API already answers each
 * with its own code and message (SK amendments and verval overrides differ).
 */
export function secondPerson(
  request: MakerCheckerRequest,
  decidedBy: string,
  refusal: () => DomainError,
): Verdict<void> {
  return request.requestedBy === decidedBy ? refuse(refusal()) : allow(undefined);
}
