/**
 * When and how long the main job's client waits before trying a request again. Pure, so the
 * schedule is tested without a server.
 */
export interface RetryPolicy {
  /** First wait; each further wait doubles, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Gives up once this long has passed since the first try. */
  maxElapsedMs: number;
}

/** Long enough to outlast a PostgreSQL, Temporal or API restart, short enough to be noticed. */
export const DEFAULT_RETRY: RetryPolicy = {
  initialDelayMs: 250,
  maxDelayMs: 5_000,
  maxElapsedMs: 10 * 60_000,
};

/**
 * Statuses that say "not now" rather than "not this": the API or a dependency is restarting
 * (502-504), or we were rate-limited (429). A 500 is retried only for a request that is safe
 * to repeat (a read, or a command with an Idempotency-Key).
 */
export function isTransientStatus(status: number, repeatable: boolean): boolean {
  return [408, 429, 502, 503, 504].includes(status) || (status === 500 && repeatable);
}

/**
 * The wait before try number `attempt + 1` (attempt counts from 0): exponential with jitter
 * (half to full), so clients that failed together do not come back together; a server's
 * Retry-After wins when it asks for longer. Undefined when the policy's time is up.
 */
export function nextDelayMs(
  policy: RetryPolicy,
  attempt: number,
  elapsedMs: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number | undefined {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 30));
  const delay = Math.max(Math.round(ceiling * (0.5 + random() / 2)), retryAfterMs ?? 0);
  return elapsedMs + delay > policy.maxElapsedMs ? undefined : delay;
}

/** Retry-After in milliseconds: either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
