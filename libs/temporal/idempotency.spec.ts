import { createHash } from 'node:crypto';
import { ValidationFailed } from '../domain/errors';
import { commandFingerprint, parseIdempotencyKey } from './idempotency';

const refusalOf = (raw: string) => {
  try {
    parseIdempotencyKey(raw);
  } catch (error) {
    if (error instanceof ValidationFailed) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('parseIdempotencyKey', () => {
  it('takes a UUID, and nothing when no header was sent', () => {
    expect(parseIdempotencyKey('5f0c6a38-2f4e-4a57-9c43-3f0d6f1d2a11')).toBe(
      '5f0c6a38-2f4e-4a57-9c43-3f0d6f1d2a11',
    );
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['5,000 characters', 'k'.repeat(5000)],
    ['an empty key', ''],
    ['spaces', 'a key'],
    ['non-ASCII', 'kunci-ü'],
  ])('refuses %s naming the header, without echoing the key', (_label, raw) => {
    const error = refusalOf(raw);
    expect(error.problems).toEqual([
      { field: 'Idempotency-Key', reason: expect.stringMatching(/255 visible ASCII/) },
    ]);
    if (raw.length > 0) expect(error.message).not.toContain(raw);
  });

  it('refuses a key that holds a NIK: it would go into workflow history', () => {
    const error = refusalOf('retry-3374011006830236');
    expect(error.problems[0]).toMatchObject({ field: 'Idempotency-Key' });
    expect(error.message).not.toContain('3374011006830236');
  });
});

describe('commandFingerprint', () => {
  const request = { role: 'tim_data', actorId: 'u-1', payload: { a: 1, b: { c: [1, 2] } } };

  it('is the same for the same payload written in another key order', () => {
    expect(commandFingerprint('RUN_VERVAL', request)).toBe(
      commandFingerprint('RUN_VERVAL', { ...request, payload: { b: { c: [1, 2] }, a: 1 } }),
    );
  });

  it('differs for another payload, command or user', () => {
    const base = commandFingerprint('RUN_VERVAL', request);
    expect(commandFingerprint('RUN_VERVAL', { ...request, payload: { a: 2 } })).not.toBe(base);
    expect(commandFingerprint('DRAFT_SK', request)).not.toBe(base);
    expect(commandFingerprint('RUN_VERVAL', { ...request, actorId: 'u-2' })).not.toBe(base);
  });

  it('leaves out fields that are undefined, as JSON does, and handles null', () => {
    const withUndefined = { ...request, payload: { a: 1, b: { c: [1, 2] }, note: undefined } };
    expect(commandFingerprint('RUN_VERVAL', withUndefined)).toBe(
      commandFingerprint('RUN_VERVAL', request),
    );
    expect(() => commandFingerprint('RUN_VERVAL', { ...request, payload: null })).not.toThrow();
  });

  it('keeps its canonical form, so keys stored before a release still match after it', () => {
    const canonical =
      '{"actorId":"u","command":"X","payload":{"a":{"c":null,"d":"x"},"b":[1,null]},"role":"r"}';
    expect(
      commandFingerprint('X', {
        role: 'r',
        actorId: 'u',
        payload: { b: [1, undefined], a: { d: 'x', c: null } },
      }),
    ).toBe(createHash('sha256').update(canonical).digest('hex'));
  });
});
