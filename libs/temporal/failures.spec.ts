import { QueryNotRegisteredError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { DomainError, ValidationFailed } from '../domain/errors';
import { toDomainError } from './failures';

const byActivity = (failure: ApplicationFailure) =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    new ActivityFailure(
      'Activity task failed',
      'recordProposalBatch',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      'worker',
      failure,
    ),
  );

describe('toDomainError', () => {
  it("gives an activity's own validation failure as a 400 naming the field", () => {
    const error = toDomainError(
      byActivity(
        ApplicationFailure.nonRetryable(
          'proposedCount: batch b-1 holds 4 persons, not 5',
          'VALIDATION_FAILED',
        ),
      ),
      'allocation-x',
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).problems).toEqual([
      { field: 'proposedCount', reason: 'batch b-1 holds 4 persons, not 5' },
    ]);
  });

  it("keeps an activity's domain code and details", () => {
    const error = toDomainError(
      byActivity(
        ApplicationFailure.nonRetryable('SK is frozen', 'TRANSITION_REFUSED', {
          code: 'SK_FROZEN',
        }),
      ),
      'allocation-x',
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'TRANSITION_REFUSED',
      message: 'SK is frozen',
      details: { refusal: 'SK_FROZEN' },
    });
    const selfApproval = toDomainError(
      byActivity(ApplicationFailure.nonRetryable('not your own', 'SELF_APPROVAL_REFUSED')),
      'allocation-x',
    );
    expect(selfApproval).toMatchObject({ code: 'SELF_APPROVAL_REFUSED', message: 'not your own' });
  });

  it('leaves an activity failure of another type (a bug) as it is: a 500', () => {
    const original = byActivity(ApplicationFailure.nonRetryable('x is undefined', 'TypeError'));
    expect(toDomainError(original, 'allocation-x')).toBe(original);
  });

  it('answers 404 for an id of another kind of workflow (a query or update it does not have)', () => {
    expect(
      toDomainError(new QueryNotRegisteredError('no query handler', 3), 'allocation-x'),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      toDomainError(
        new WorkflowUpdateFailedError(
          'Workflow Update failed',
          ApplicationFailure.nonRetryable('No registered handler for update: SEND_QUOTA_LETTER'),
        ),
        'allocation-x',
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
