import fc from 'fast-check';
import { redactPii } from './redact-pii';

const digits = (length: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length })
    .map((d) => d.join(''));

describe('redactPii', () => {
  it('keeps the first 4 digits of a NIK and masks the rest', () => {
    expect(redactPii('GET /persons/3374014107850001/bast')).toBe(
      'GET /persons/3374************/bast',
    );
  });

  it('leaves shorter numbers, region codes and ids alone', () => {
    const text = 'kecamatan 33.74.01 quota 123456789012345 at 2021-07-12';
    expect(redactPii(text)).toBe(text);
  });

  it('never lets a 16-digit run survive, wherever it sits in any text', () => {
    fc.assert(
      fc.property(fc.string(), digits(16), fc.string(), (before, nik, after) => {
        const out = redactPii(before + nik + after);
        expect(out).not.toContain(nik);
        expect(out).not.toMatch(/\d{16}/);
        expect(out).toHaveLength(before.length + nik.length + after.length);
      }),
    );
  });

  it('leaves no 16 consecutive digits in any text at all', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), digits(16), digits(20))), (parts) => {
        expect(redactPii(parts.join(''))).not.toMatch(/\d{16}/);
      }),
    );
  });

  it('changes nothing in text without a 16-digit run, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = redactPii(text);
        expect(redactPii(once)).toBe(once);
        if (!/\d{16}/.test(text)) expect(once).toBe(text);
      }),
    );
  });
});
