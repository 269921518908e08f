import fc from 'fast-check';
import { containsNik } from '../domain/nik-in-text';
import { digits, textAfter, textBefore, writtenNik } from '../domain/nik-in-text.arbitrary';
import { redactLogLine } from './redact-log-line';

/** Every string and key in a parsed record, however deep. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, field]) => [key, ...texts(field)]);
  }
  return [];
}

/** A JSON record with `planted` put at a random depth, as a value or as a key. */
const recordWith = (planted: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.jsonValue(), planted, fc.boolean(), fc.array(fc.string(), { maxLength: 3 }))
    .map(([other, text, asKey, path]) => {
      let record: unknown = asKey ? { [text]: other } : { message: text, other };
      for (const key of path) record = { [key]: record };
      return record;
    });

describe('redactLogLine', () => {
  it('masks a NIK in the message and in nested fields, keeping the line JSON', () => {
    const line = `${JSON.stringify({
      level: 'warn',
      message: 'GET /persons/3374014107850001/bast',
      details: { niks: ['3374 0112 0385 0002'], count: 2 },
    })}\n`;
    expect(redactLogLine(line)).toBe(
      `${JSON.stringify({
        level: 'warn',
        message: 'GET /persons/3374************/bast',
        details: { niks: ['3374 **** **** ****'], count: 2 },
      })}\n`,
    );
  });

  it('finds a NIK split by an escaped separator, which a text search of the line would miss', () => {
    const out = redactLogLine(JSON.stringify({ message: 'nik 3374\n0112\n0385\n0002' }));
    expect(JSON.parse(out)).toEqual({ message: 'nik 3374\n****\n****\n****' });
  });

  it('writes a number long enough to be a NIK as its masked text', () => {
    expect(JSON.parse(redactLogLine('{"nik":3374014107850001,"ms":12}'))).toEqual({
      nik: '3374************',
      ms: 12,
    });
  });

  it('never lets a NIK survive anywhere in any record, and the line stays one JSON object', () => {
    fc.assert(
      fc.property(
        recordWith(fc.tuple(textBefore, writtenNik, textAfter).map((p) => p.join(''))),
        (record) => {
          const out = redactLogLine(`${JSON.stringify(record)}\n`);
          expect(out.endsWith('\n')).toBe(true);
          expect(texts(JSON.parse(out)).some(containsNik)).toBe(false);
        },
      ),
    );
  });

  it('never lets a 16-digit run survive in any string of any record', () => {
    fc.assert(
      fc.property(
        recordWith(fc.tuple(fc.string(), digits(16), fc.string()).map((p) => p.join(''))),
        (record) => {
          const out = redactLogLine(JSON.stringify(record));
          expect(out).not.toMatch(/\d{16}/);
        },
      ),
    );
  });

  it('changes nothing in a record without a NIK', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (record) => {
        fc.pre(!texts(record).some(containsNik));
        const line = JSON.stringify(record);
        expect(redactLogLine(line)).toBe(`${line}\n`);
      }),
    );
  });

  it('masks a line that is not JSON as text', () => {
    expect(redactLogLine('oops 3374014107850001')).toBe('oops 3374************');
  });
});
