import { isDeepStrictEqual } from 'node:util';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * Loses the result of each activity execution's first finished attempt: the activity ran to
 * its end (its transactions committed), then the attempt fails with a retryable error, so
 * Temporal runs the same activity again with the same input. This is what a worker that
 * dies, or a network that drops, between the commit and the completion reaching Temporal
 * does in the real world. Install `interceptor` in a test worker's activity interceptors.
 */
export class LostResults {
  /** Per activity type, how many executions lost their first result and were retried. */
  readonly lost = new Map<string, number>();
  /** Retries that answered something other than the attempt whose result was lost. */
  readonly changedAnswers: { activityType: string; first: unknown; retry: unknown }[] = [];
  /** Retries that failed: a retried activity must find its work done and answer again. */
  readonly failedRetries: string[] = [];
  private readonly firstAnswers = new Map<string, unknown>();
  private readonly watchers = new Set<(error: Error) => void>();

  readonly interceptor: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      execute: async (input, next) => {
        const { activityType, activityId, attempt, workflowExecution } = ctx.info;
        const execution = `${workflowExecution?.workflowId}/${workflowExecution?.runId}/${activityId}`;
        const retried = this.firstAnswers.has(execution);
        let answer: unknown;
        try {
          answer = await next(input);
        } catch (error) {
          if (retried) this.retryFailed(activityType, attempt, error);
          throw error;
        }
        if (!retried) {
          this.firstAnswers.set(execution, answer);
          this.lost.set(activityType, (this.lost.get(activityType) ?? 0) + 1);
          // BENIGN: the worker logs it at debug level, not as a warning per activity.
          throw ApplicationFailure.create({
            message: `${activityType}: result lost after the activity finished`,
            type: 'ResultLost',
            nonRetryable: false,
            category: ApplicationFailureCategory.BENIGN,
          });
        }
        const first = this.firstAnswers.get(execution);
        if (!isDeepStrictEqual(answer, first)) {
          this.changedAnswers.push({ activityType, first, retry: answer });
        }
        return answer;
      },
    },
  });

  /**
   * The work, or a rejection as soon as a retry fails: a retry failing with a retryable error
   * would otherwise keep the command waiting for minutes of further attempts.
   */
  async guard<T>(work: Promise<T>): Promise<T> {
    let stop: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      stop = reject;
    });
    this.watchers.add(stop);
    try {
      if (this.failedRetries.length > 0) stop(new Error(this.failedRetries.join('\n')));
      return await Promise.race([work, failed]);
    } finally {
      this.watchers.delete(stop);
    }
  }

  private retryFailed(activityType: string, attempt: number, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.failedRetries.push(`${activityType} attempt ${attempt} failed: ${message}`);
    const problem = new Error(this.failedRetries.join('\n'));
    for (const stop of this.watchers) stop(problem);
  }
}
