import { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';

/**
 * Heartbeats every few seconds while a long step (one big SQL statement, say) runs, so
 * Temporal notices within the heartbeat timeout when the worker running it dies.
 */
export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 2_000): Promise<T> {
  return heartbeatWhile(Context.current(), work, everyMs);
}

/**
 * Every activity heartbeats while it runs (a worker interceptor), so the workflow can give
 * even short activities a heartbeat timeout of seconds: a SIGKILLed worker then costs its
 * in-flight activities seconds, not their whole start-to-close timeout.
 */
export function heartbeatInterceptor(context: Context): ActivityInterceptors {
  return {
    inbound: { execute: (input, next) => heartbeatWhile(context, () => next(input), 1_000) },
  };
}

async function heartbeatWhile<T>(
  context: Context,
  work: () => Promise<T>,
  everyMs: number,
): Promise<T> {
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
