import { randomUUID } from 'node:crypto';
import { redactPii } from '@salur/libs/logging';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Letters, digits and `._:-`, at most 128: safe to echo in a header and to log as is. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The caller's `x-request-id` when it is a safe token (so a trace spans a proxy and
 * the API), otherwise a fresh UUID. An id that carries a NIK is not safe: it would be
 * echoed and logged on every line of the request.
 */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  if (
    candidate !== undefined &&
    SAFE_REQUEST_ID.test(candidate) &&
    redactPii(candidate) === candidate
  ) {
    return candidate;
  }
  return randomUUID();
}
