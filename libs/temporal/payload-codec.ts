import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import type { PayloadKeys } from '../config/payload-keys';

/** Metadata of an encrypted payload: its encoding, and the id of the key that encrypted it. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload this process cannot decrypt: names the key id, never the content. */
export class PayloadDecryptionError extends Error {
  constructor(
    readonly keyId: string | undefined,
    reason: string,
  ) {
    super(reason);
    this.name = 'PayloadDecryptionError';
  }
}

/** The original payload, as it is sealed: metadata values and data in base64. */
interface SealedPayload {
  readonly metadata: Record<string, string>;
  readonly data: string;
}

const utf8 = (bytes: Uint8Array | undefined | null) =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/**
 * Encrypts every payload (workflow inputs, results, updates, activity arguments, memos)
 * with AES-256-GCM under the current key, so Temporal's history holds ciphertext only.
 * The key id travels in the payload's metadata and is authenticated with it, so a rotated
 * key still decrypts what it wrote. A payload that is not encrypted (histories from before
 * the codec) decodes as it is.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  // The work is synchronous; a failure still comes back as a rejected promise.
  encode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.encrypt(payload))));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.decrypt(payload))));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.keys.currentKeyId;
    const sealed: SealedPayload = {
      metadata: Object.fromEntries(
        Object.entries(payload.metadata ?? {}).map(([name, value]) => [
          name,
          Buffer.from(value).toString('base64'),
        ]),
      ),
      data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
    };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(sealed), 'utf8'),
      cipher.final(),
    ]);
    return {
      metadata: {
        encoding: Buffer.from(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: Buffer.from(keyId),
      },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    if (utf8(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = utf8(payload.metadata?.[KEY_ID_METADATA]);
    if (!keyId) {
      throw new PayloadDecryptionError(undefined, 'An encrypted payload carries no key id');
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(
        keyId,
        `A payload encrypted with key "${keyId}" is cut short`,
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: string;
    try {
      plaintext = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new PayloadDecryptionError(
        keyId,
        `A payload encrypted with key "${keyId}" fails authentication: it was altered, or the key of that id is not the one that encrypted it`,
      );
    }
    const sealed = JSON.parse(plaintext) as SealedPayload;
    return {
      metadata: Object.fromEntries(
        Object.entries(sealed.metadata).map(([name, value]) => [
          name,
          Buffer.from(value, 'base64'),
        ]),
      ),
      data: Buffer.from(sealed.data, 'base64'),
    };
  }

  private key(keyId: string): Buffer {
    const key = this.keys.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        keyId,
        `A payload is encrypted with key "${keyId}", which is not in PAYLOAD_KEYS (known: ${[...this.keys.keys.keys()].join(', ')}); keep a rotated key listed while histories written with it are read`,
      );
    }
    return key;
  }
}

/** The data converter of every Temporal client and worker of Salur: payloads encrypted. */
export function encryptingDataConverter(keys: PayloadKeys): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}
