import { samplePersons, sampleBnba } from './documents.testing';
import {
  canonicalJson,
  inputsSha256,
  normaliseVerificationCode,
  verificationCode,
} from './identity';
import { hari, tanggal, terbilang } from './indonesian';
import { documentNumber, renditionsOf } from './kinds';

describe('document identity', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('hashes the inputs and their rows, not the verification derived from them', async () => {
    const base = await inputsSha256(sampleBnba(3));
    expect(await inputsSha256(sampleBnba(3))).toBe(base);
    const otherCode = { ...sampleBnba(3), verification: { code: 'X', url: 'y' } };
    expect(await inputsSha256(otherCode)).toBe(base);
    async function* renamed() {
      for await (const row of samplePersons(3)) {
        yield row.name === 'WARGA 3 BINTI SUPARMAN' ? { ...row, name: 'WARGA TIGA' } : row;
      }
    }
    expect(await inputsSha256({ ...sampleBnba(3), rows: renamed })).not.toBe(base);
    expect(await inputsSha256(sampleBnba(3, { recipientCount: 4 }))).not.toBe(base);
  });

  it('derives a short verification code, the same for the same parts', () => {
    const code = verificationCode(['bnba', 'jps-2021', '33.74.01.1001', '1', 'abc']);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(verificationCode(['bnba', 'jps-2021', '33.74.01.1001', '1', 'abc'])).toBe(code);
    expect(verificationCode(['bnba', 'jps-2021', '33.74.01.1001', '2', 'abc'])).not.toBe(code);
  });

  it('reads a typed code the way it was meant', () => {
    expect(normaliseVerificationCode(' 7kq2m xd4pa ')).toBe('7KQ2M-XD4PA');
    expect(normaliseVerificationCode('OOOOI-LLLLL')).toBe('00001-11111');
    expect(normaliseVerificationCode('7KQ2M-XD4P')).toBeUndefined();
    expect(normaliseVerificationCode('7KQ2M-XD4PU')).toBeUndefined();
  });

  it('numbers a document by kind, subject and programme', () => {
    expect(documentNumber('bnba', '33.74.01.1001', 'jps-2021')).toBe('BNBA/33.74.01.1001/JPS-2021');
    expect(renditionsOf('bnba')).toEqual(['pdf', 'xlsx']);
    expect(renditionsOf('bast')).toEqual(['pdf']);
  });
});

describe('Indonesian dates and amounts', () => {
  it('writes dates and weekdays', () => {
    expect(tanggal('2021-07-20')).toBe('20 Juli 2021');
    expect(hari('2021-07-20')).toBe('Selasa');
    expect(hari('2021-07-23')).toBe("Jum'at");
    expect(() => tanggal('2021-02-29')).toThrow(RangeError);
  });

  it('writes amounts in words', () => {
    expect(
      [0, 1, 11, 12, 19, 20, 21, 100, 111, 312, 1000, 1001, 2021, 5600, 89600, 1_000_000].map(
        terbilang,
      ),
    ).toEqual([
      'nol',
      'satu',
      'sebelas',
      'dua belas',
      'sembilan belas',
      'dua puluh',
      'dua puluh satu',
      'seratus',
      'seratus sebelas',
      'tiga ratus dua belas',
      'seribu',
      'seribu satu',
      'dua ribu dua puluh satu',
      'lima ribu enam ratus',
      'delapan puluh sembilan ribu enam ratus',
      'satu juta',
    ]);
  });
});
