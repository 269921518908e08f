import { createHash } from 'node:crypto';
import { DomainError, ValidationFailed } from '../domain/errors';
import { redactPii } from '../logging/redact-pii';

/** Visible ASCII only: the key becomes the Temporal update id, kept in workflow history. */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * The `Idempotency-Key` header of a command, or undefined when none was sent. A key that
 * is too long, not visible ASCII, or holds a NIK is refused naming the header; the key
 * itself is never echoed.
 */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  if (!KEY_FORMAT.test(key)) {
    throw new ValidationFailed([
      {
        field: 'Idempotency-Key',
        reason: 'must be 1 to 255 visible ASCII characters, without spaces (a UUID is best)',
      },
    ]);
  }
  if (redactPii(key) !== key) {
    throw new ValidationFailed([
      {
        field: 'Idempotency-Key',
        reason: 'must not hold personal data such as a NIK (a UUID is best)',
      },
    ]);
  }
  return key;
}

/**
 * What a key was first used for: the command, who sent it and its payload, as a SHA-256 of
 * a canonical JSON (keys sorted), so the same payload written in another key order matches.
 */
export function commandFingerprint(
  command: string,
  request: { role: string; actorId: string; payload: unknown },
): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        command,
        role: request.role,
        actorId: request.actorId,
        payload: request.payload,
      }),
    )
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Where first uses of keys are kept (IdempotencyKeyRepository). */
export interface IdempotencyKeyStore {
  claim(workflowId: string, key: string, fingerprint: string): Promise<boolean>;
}

/**
 * Refuses (422, as the IETF Idempotency-Key draft says) a key already used on this workflow
 * for another command, payload or user; the same request again goes on, and Temporal's
 * update id makes it apply once.
 */
export async function claimIdempotencyKey(
  store: IdempotencyKeyStore,
  workflowId: string,
  key: string,
  command: string,
  request: { role: string; actorId: string; payload: unknown },
): Promise<void> {
  if (!(await store.claim(workflowId, key, commandFingerprint(command, request)))) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key: this key was already used for another command or payload; send a new key for a new command',
      { field: 'Idempotency-Key' },
    );
  }
}
