import fc from 'fast-check';
import { containsNik } from '../domain/nik-in-text';
import { digits, textAfter, textBefore, writtenNik } from '../domain/nik-in-text.arbitrary';
import { redactPii } from './redact-pii';

describe('redactPii', () => {
  it('keeps the first 4 digits of a NIK and masks the rest', () => {
    expect(redactPii('GET /persons/3374014107850001/bast')).toBe(
      'GET /persons/3374************/bast',
    );
  });

  it('masks a NIK written with spaces, dots or dashes the same way', () => {
    expect(redactPii('nik 3374 0112 0385 0002.')).toBe('nik 3374 **** **** ****.');
    expect(redactPii('3374.0112.0385.0002')).toBe('3374.****.****.****');
    expect(redactPii('kk 33-74-01-12-03-85-0002')).toBe('kk 33-74-**-**-**-**-****');
  });

  it('never lets a NIK survive however it is written, wherever it sits in any text', () => {
    fc.assert(
      fc.property(textBefore, writtenNik, textAfter, (before, nik, after) => {
        const out = redactPii(before + nik + after);
        expect(containsNik(out)).toBe(false);
        expect(out).toHaveLength(before.length + nik.length + after.length);
      }),
    );
  });

  it('leaves shorter numbers, region codes and ids alone', () => {
    const text = 'kecamatan 33.74.01 quota 123456789012345 at 2021-07-12';
    expect(redactPii(text)).toBe(text);
    // A request's log line keeps the allocation, status and duration an admin looks for.
    const line = 'GET /allocations/allocation-jps-2021-1796650837-33.74.01 500 29079.2ms';
    expect(redactPii(line)).toBe(line);
    // A request id that is a UUID of mostly digits stays whole, so its lines can be found.
    const requestId = '"requestId":"f3bc2379-8812-4603-9571-36812f22bf44"';
    expect(redactPii(requestId)).toBe(requestId);
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

  it('changes nothing in text without a NIK, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = redactPii(text);
        expect(redactPii(once)).toBe(once);
        if (!containsNik(text)) expect(once).toBe(text);
      }),
    );
  });
});
