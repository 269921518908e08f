import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '@salur/libs/domain/errors';

/**
 * A domain refusal will not change on retry: it fails the transition with its code (the API
 * answers it like any other refusal, libs/temporal/failures.ts). Anything else is retried.
 */
export async function domainFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.nonRetryable(error.message, error.code, error.details);
    }
    throw error;
  }
}
