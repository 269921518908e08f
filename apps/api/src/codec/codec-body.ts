import type { Payload } from '@temporalio/common';
import { ValidationFailed } from '@salur/libs/domain/errors';
import { isRecord } from '@salur/libs/shared';

/**
 * The body of Temporal's codec protocol (what the Web UI and `temporal --codec-endpoint`
 * send and expect): `{ payloads: [{ metadata: { name: base64 }, data: base64 }] }`.
 */
export interface CodecBody {
  readonly payloads: readonly JsonPayload[];
}
interface JsonPayload {
  readonly metadata: Record<string, string>;
  readonly data: string;
}

/** Far more than one page of history; a larger batch is a mistake or an attack. */
export const MAX_CODEC_PAYLOADS = 1000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isBase64 = (value: unknown): value is string =>
  typeof value === 'string' && value.length % 4 === 0 && BASE64.test(value);

const isBase64Record = (value: unknown): value is Record<string, string> =>
  isRecord(value) && Object.values(value).every(isBase64);

/** The payloads of a codec request; a body of another shape is refused naming the field. */
export function parseCodecBody(body: unknown): Payload[] {
  const payloads = isRecord(body) ? body.payloads : undefined;
  if (!Array.isArray(payloads) || payloads.length > MAX_CODEC_PAYLOADS) {
    throw new ValidationFailed([
      {
        field: 'payloads',
        reason: `must be a list of at most ${MAX_CODEC_PAYLOADS} { metadata, data } payloads`,
      },
    ]);
  }
  return payloads.map((payload: unknown, index) => {
    const field = `payloads[${index}]`;
    const metadata = isRecord(payload) ? (payload.metadata ?? {}) : undefined;
    const data = isRecord(payload) ? (payload.data ?? '') : undefined;
    if (!isBase64Record(metadata) || !isBase64(data)) {
      throw new ValidationFailed([
        { field, reason: 'must be { metadata: { name: base64 }, data: base64 }' },
      ]);
    }
    return {
      metadata: Object.fromEntries(
        Object.entries(metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
      ),
      data: Buffer.from(data, 'base64'),
    };
  });
}

export function toCodecBody(payloads: readonly Payload[]): CodecBody {
  return {
    payloads: payloads.map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata ?? {}).map(([name, value]) => [
          name,
          Buffer.from(value).toString('base64'),
        ]),
      ),
      data: Buffer.from(payload.data ?? []).toString('base64'),
    })),
  };
}
