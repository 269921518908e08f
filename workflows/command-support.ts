import { ApplicationFailure } from '@temporalio/workflow';

/**
 * Runs commands one at a time, in arrival order, whatever each one's outcome; a waiting
 * command re-checks the state once its turn comes. Deterministic: promises only.
 */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Refuses a command with a typed, non-retryable failure the API maps to an answer. */
export function refuse(type: string, message: string, details: unknown): never {
  throw ApplicationFailure.create({ type, message, details: [details], nonRetryable: true });
}
