/**
 * The keys that encrypt workflow payloads (libs/temporal/payload-codec.ts). Several are known
 * so a key can be rotated: payloads are encrypted with the current one and decrypted with
 * whichever key id they carry, so histories written before a rotation stay readable while
 * the old key is kept.
 */
export interface PayloadKeys {
  readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;
}

/** AES-256: 32 bytes. */
export const PAYLOAD_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * PAYLOAD_KEYS ("id1:base64key,id2:base64key") and PAYLOAD_KEY_CURRENT (an id listed; the
 * first one when unset). Either the keys or the problems, each naming its variable and never
 * quoting a key.
 */
export function parsePayloadKeys(
  keysText: string,
  currentText: string,
): { keys: PayloadKeys; problems: [] } | { keys: undefined; problems: string[] } {
  const problems: string[] = [];
  const keys = new Map<string, Buffer>();
  for (const [index, part] of keysText.split(',').entries()) {
    const colon = part.indexOf(':');
    const id = part.slice(0, colon).trim();
    const encoded = part.slice(colon + 1).trim();
    if (colon < 0 || !KEY_ID.test(id)) {
      problems.push(
        `PAYLOAD_KEYS must be id:base64key pairs separated by commas, the id 1-64 letters, digits, '.', '_' or '-' (entry ${index + 1} has no valid id)`,
      );
      continue;
    }
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
    if (key?.length !== PAYLOAD_KEY_BYTES) {
      problems.push(
        `PAYLOAD_KEYS: the key "${id}" must be ${PAYLOAD_KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`,
      );
      continue;
    }
    if (keys.has(id)) {
      problems.push(`PAYLOAD_KEYS lists the key id "${id}" twice`);
      continue;
    }
    keys.set(id, key);
  }
  const currentKeyId = currentText || keys.keys().next().value;
  if (problems.length === 0 && (currentKeyId === undefined || !keys.has(currentKeyId))) {
    problems.push(
      `PAYLOAD_KEY_CURRENT must be one of the key ids in PAYLOAD_KEYS (${[...keys.keys()].join(', ')}; got "${currentText}")`,
    );
  }
  if (problems.length > 0 || currentKeyId === undefined) return { keys: undefined, problems };
  return { keys: { keys, currentKeyId }, problems: [] };
}
