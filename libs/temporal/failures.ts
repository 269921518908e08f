import {
  QueryNotRegisteredError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import {
  DomainError,
  ValidationFailed,
  type DomainErrorCode,
  type FieldProblem,
} from '../domain/errors';
import { FailureTypes } from './names';
import { isRecord } from '../shared';

/** Failure types an activity may throw for a refusal: the domain's own codes (activities/). */
const DOMAIN_CODES: ReadonlySet<string> = new Set<DomainErrorCode>([
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'TRANSITION_REFUSED',
  'ROLE_NOT_ALLOWED',
  'SELF_APPROVAL_REFUSED',
]);

/**
 * Turns what Temporal reports into the domain's errors, so the API answers with the
 * workflow's own reason (current step, allowed events) and never with SDK internals.
 */
export function toDomainError(error: unknown, workflowId: string): unknown {
  if (error instanceof WorkflowNotFoundError) {
    return new DomainError('NOT_FOUND', `No workflow with id ${workflowId}`);
  }
  // The id names a workflow of another kind (an allocation's id on a programme route).
  if (error instanceof QueryNotRegisteredError || isMissingUpdateHandler(error)) {
    return new DomainError(
      'NOT_FOUND',
      `No workflow with id ${workflowId} of the kind this route serves`,
    );
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new DomainError('ALREADY_EXISTS', `${workflowId} already exists`, { id: workflowId });
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const failure = refusalOf(error.cause);
    if (failure) return fromApplicationFailure(failure);
  }
  return error;
}

/** The SDK's rejection of an update the workflow has no handler for (its message is all it says). */
function isMissingUpdateHandler(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.message.startsWith('No registered handler for update')
  );
}

/**
 * The ApplicationFailure that refused an update: thrown by the update handler itself, or by
 * one of its activities (then wrapped in an ActivityFailure). A failure of another type (a
 * bug, a timeout) is not a refusal and stays a 500.
 */
function refusalOf(cause: unknown): ApplicationFailure | undefined {
  const failure = cause instanceof ActivityFailure ? cause.cause : cause;
  if (!(failure instanceof ApplicationFailure) || !failure.type) return undefined;
  return DOMAIN_CODES.has(failure.type) ? failure : undefined;
}

function fromApplicationFailure(failure: ApplicationFailure): DomainError {
  const first: unknown = failure.details?.[0];
  const details = isRecord(first) ? first : {};
  if (failure.type === FailureTypes.validationFailed) {
    return new ValidationFailed(
      (details.fields as FieldProblem[] | undefined) ?? [fieldProblemOf(failure.message)],
    );
  }
  if (failure.type === FailureTypes.transitionRefused) {
    const { code: refusal, ...rest } = details;
    const code = refusal === 'ROLE_NOT_ALLOWED' ? 'ROLE_NOT_ALLOWED' : 'TRANSITION_REFUSED';
    return new DomainError(code, failure.message, { refusal, ...rest });
  }
  return new DomainError(failure.type as DomainErrorCode, failure.message, details);
}

/**
 * Activities write "field: reason"; the field is named as the workflow's own validation
 * names it (the payload's key).
 */
function fieldProblemOf(message: string): FieldProblem {
  const match = /^([A-Za-z][\w.[\]]*): (.+)$/s.exec(message);
  return match ? { field: match[1], reason: match[2] } : { field: 'payload', reason: message };
}
