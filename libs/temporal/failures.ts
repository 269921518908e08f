import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, ValidationFailed, type FieldProblem } from '../domain/errors';
import { FailureTypes } from './names';

/**
 * Turns what Temporal reports into the domain's errors, so the API answers with the
 * workflow's own reason (current step, allowed events) and never with SDK internals.
 */
export function toDomainError(error: unknown, workflowId: string): unknown {
  if (error instanceof WorkflowNotFoundError) {
    return new DomainError('NOT_FOUND', `No workflow with id ${workflowId}`);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new DomainError('ALREADY_EXISTS', `${workflowId} already exists`, { id: workflowId });
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const details = (failure.details?.[0] ?? {}) as Record<string, unknown>;
    if (failure.type === FailureTypes.validationFailed) {
      return new ValidationFailed(
        (details.fields as FieldProblem[]) ?? [{ field: 'payload', reason: failure.message }],
      );
    }
    if (failure.type === FailureTypes.transitionRefused) {
      const { code: refusal, ...rest } = details;
      const code = refusal === 'ROLE_NOT_ALLOWED' ? 'ROLE_NOT_ALLOWED' : 'TRANSITION_REFUSED';
      return new DomainError(code, failure.message, { refusal, ...rest });
    }
  }
  return error;
}
