import { isTransientStatus, nextDelayMs, parseRetryAfter, type RetryPolicy } from './retry';

describe('retry schedule of the main job client', () => {
  const policy: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 5_000 };

  it('doubles the wait up to the cap, with jitter between half and full', () => {
    expect(nextDelayMs(policy, 0, 0, () => 1)).toBe(100);
    expect(nextDelayMs(policy, 3, 0, () => 1)).toBe(800);
    expect(nextDelayMs(policy, 10, 0, () => 1)).toBe(1_000);
    expect(nextDelayMs(policy, 10, 0, () => 0)).toBe(500);
  });

  it('waits as long as Retry-After asks and gives up when the time is spent', () => {
    expect(nextDelayMs(policy, 0, 0, () => 1, 3_000)).toBe(3_000);
    expect(nextDelayMs(policy, 5, 4_900, () => 1)).toBeUndefined();
  });

  it('retries restarts and rate limits, a 500 only when repeating is safe, never a refusal', () => {
    expect(isTransientStatus(503, false)).toBe(true);
    expect(isTransientStatus(429, false)).toBe(true);
    expect(isTransientStatus(500, true)).toBe(true);
    expect(isTransientStatus(500, false)).toBe(false);
    for (const status of [400, 401, 403, 404, 409, 413, 422]) {
      expect(isTransientStatus(status, true)).toBe(false);
    }
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2')).toBe(2_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
