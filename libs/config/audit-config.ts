import { ConfigError } from './app-config';

type Env = Record<string, string | undefined>;

/** The key that signs audit checkpoints (docs/audit.md); it never goes into the database. */
export interface CheckpointKey {
  readonly id: string;
  readonly key: Buffer;
}

const MIN_KEY_BYTES = 32;

/**
 * AUDIT_CHECKPOINT_KEY (32 bytes or more, hex or base64) and AUDIT_CHECKPOINT_KEY_ID
 * (default `k1`, stored with each checkpoint so a key can be rotated). Undefined when no key
 * is set: `audit verify` then compares checkpoint hashes without checking their signature.
 */
export function loadCheckpointKey(env: Env = process.env): CheckpointKey | undefined {
  const raw = env.AUDIT_CHECKPOINT_KEY?.trim();
  if (!raw) return undefined;
  const key = /^[0-9a-fA-F]+$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  const id = env.AUDIT_CHECKPOINT_KEY_ID?.trim() || 'k1';
  const problems: string[] = [];
  if (key.length < MIN_KEY_BYTES) {
    problems.push(
      `AUDIT_CHECKPOINT_KEY must hold ${MIN_KEY_BYTES} random bytes or more (hex or base64)`,
    );
  }
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(id)) {
    problems.push(
      'AUDIT_CHECKPOINT_KEY_ID must be 1 to 40 letters, digits, dots, dashes or underscores',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { id, key };
}
