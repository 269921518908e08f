import { Context } from '@temporalio/activity';

/**
 * Heartbeats every few seconds while a long step (one big SQL statement, say) runs, so
 * Temporal notices within the heartbeat timeout when the worker running it dies.
 */
export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 2_000): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
