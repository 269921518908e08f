import type { DomainError } from './errors';

/**
 * What a pure domain rule answers: the move to make, or the refusal to give. Repositories
 * call the rule and throw the refusal as it is, so its code and message reach the API
 * and the activity boundary unchanged.
 */
export type Verdict<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

export const allow = <T>(value: T): Verdict<T> => ({ ok: true, value });

export const refuse = (error: DomainError): Verdict<never> => ({ ok: false, error });

export function orThrow<T>(verdict: Verdict<T>): T {
  if (!verdict.ok) throw verdict.error;
  return verdict.value;
}
