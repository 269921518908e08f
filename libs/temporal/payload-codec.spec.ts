import { randomBytes } from 'node:crypto';
import { DefaultPayloadConverter, type Payload } from '@temporalio/common';
import type { PayloadKeys } from '../config/payload-keys';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
} from './payload-codec';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const keys = (current: string, ...ids: [string, Buffer][]): PayloadKeys => ({
  keys: new Map(ids),
  currentKeyId: current,
});
const converter = new DefaultPayloadConverter();
const LETTER = { letterNo: 'SE-460/017/2021', signedBy: 'Drs. Bambang Sutrisno' };
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('AesGcmPayloadCodec', () => {
  const sut = new AesGcmPayloadCodec(keys('a', ['a', keyA]));

  it('encrypts: no plaintext left, metadata says binary/encrypted and the key id', async () => {
    const [encoded] = await sut.encode([converter.toPayload(LETTER)]);
    expect(text(encoded.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded.metadata?.[KEY_ID_METADATA])).toBe('a');
    expect(Object.keys(encoded.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA]);
    const bytes = Buffer.from(encoded.data ?? []);
    for (const secret of ['SE-460', 'Bambang', 'json/plain', 'letterNo']) {
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.toString('base64').includes(Buffer.from(secret).toString('base64'))).toBe(false);
    }
  });

  it('decodes what it encoded to the same payload, metadata included', async () => {
    const original = converter.toPayload(LETTER);
    const [decoded] = await sut.decode(await sut.encode([original]));
    expect(converter.fromPayload(decoded)).toEqual(LETTER);
    expect(text(decoded.metadata?.encoding)).toBe('json/plain');
  });

  it('gives two encryptions of one payload different ciphertexts (a fresh IV each)', async () => {
    const payload = converter.toPayload(LETTER);
    const [first, second] = await sut.encode([payload, payload]);
    expect(Buffer.from(first.data ?? []).equals(Buffer.from(second.data ?? []))).toBe(false);
  });

  it('decodes a payload that was never encrypted as it is (histories from before the codec)', async () => {
    const plain = converter.toPayload(LETTER);
    const [decoded] = await sut.decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('after a rotation encrypts with the new key and still decodes the old key’s payloads', async () => {
    const [old] = await sut.encode([converter.toPayload(LETTER)]);
    const rotated = new AesGcmPayloadCodec(keys('b', ['b', keyB], ['a', keyA]));
    const [fresh] = await rotated.encode([converter.toPayload(LETTER)]);
    expect(text(fresh.metadata?.[KEY_ID_METADATA])).toBe('b');
    const decoded = await rotated.decode([old, fresh]);
    expect(decoded.map((p) => converter.fromPayload(p))).toEqual([LETTER, LETTER]);
  });

  it('refuses a payload of a key it does not know, naming that key id', async () => {
    const [old] = await sut.encode([converter.toPayload(LETTER)]);
    const withoutA = new AesGcmPayloadCodec(keys('b', ['b', keyB]));
    await expect(withoutA.decode([old])).rejects.toThrow(PayloadDecryptionError);
    await expect(withoutA.decode([old])).rejects.toThrow(/key "a", which is not in PAYLOAD_KEYS/);
  });

  const tampered = (payload: Payload, at: (data: Buffer) => number): Payload => {
    const data = Buffer.from(payload.data ?? []);
    data[at(data)] ^= 0x01;
    return { ...payload, data };
  };

  it.each([
    ['the IV', () => 0],
    ['the ciphertext', (data: Buffer) => 20 + (data.length - 36) / 2],
    ['the tag', (data: Buffer) => data.length - 1],
  ])('refuses a payload whose %s was altered, instead of returning garbage', async (_, at) => {
    const [encoded] = await sut.encode([converter.toPayload(LETTER)]);
    await expect(sut.decode([tampered(encoded, at)])).rejects.toThrow(
      /key "a" fails authentication/,
    );
  });

  it('refuses a payload whose key id was changed to another known key', async () => {
    const both = new AesGcmPayloadCodec(keys('a', ['a', keyA], ['b', keyB]));
    const [encoded] = await both.encode([converter.toPayload(LETTER)]);
    const relabelled = {
      ...encoded,
      metadata: { ...encoded.metadata, [KEY_ID_METADATA]: Buffer.from('b') },
    };
    await expect(both.decode([relabelled])).rejects.toThrow(/key "b" fails authentication/);
  });

  it('refuses a payload encrypted under the same id with another key', async () => {
    const impostor = new AesGcmPayloadCodec(keys('a', ['a', keyB]));
    const [encoded] = await impostor.encode([converter.toPayload(LETTER)]);
    await expect(sut.decode([encoded])).rejects.toThrow(/key "a" fails authentication/);
  });

  it('refuses a cut-short payload and one without a key id', async () => {
    const [encoded] = await sut.encode([converter.toPayload(LETTER)]);
    await expect(
      sut.decode([{ ...encoded, data: Buffer.from(encoded.data ?? []).subarray(0, 20) }]),
    ).rejects.toThrow(/key "a" is cut short/);
    await expect(
      sut.decode([{ ...encoded, metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING) } }]),
    ).rejects.toThrow(/carries no key id/);
  });
});
