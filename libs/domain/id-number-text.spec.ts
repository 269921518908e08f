import { ID_NUMBER_REASONS, readIdNumber } from './id-number-text';

describe('readIdNumber', () => {
  const nik = '3374011006830236';

  it('takes 16 digits, without spaces around them or one leading apostrophe', () => {
    expect(readIdNumber(nik)).toEqual({ ok: true, value: nik });
    expect(readIdNumber(`  ${nik}\t`)).toEqual({ ok: true, value: nik });
    expect(readIdNumber(`'${nik}`)).toEqual({ ok: true, value: nik });
    expect(readIdNumber(` '${nik} `)).toEqual({ ok: true, value: nik });
  });

  it('refuses a value written as a number, whatever its size', () => {
    for (const written of [
      '3.37401E+15',
      '3,37401E+15',
      '3.37401e15',
      `${nik}.0`,
      '12345,0',
      '3E+15',
    ]) {
      expect(readIdNumber(written)).toEqual({
        ok: false,
        reason: ID_NUMBER_REASONS.writtenAsNumber,
      });
      expect(readIdNumber(`'${written}`)).toEqual({
        ok: false,
        reason: ID_NUMBER_REASONS.writtenAsNumber,
      });
    }
  });

  it('refuses anything else that is not 16 digits, without quoting it', () => {
    for (const bad of [
      '12345',
      nik.slice(1),
      `${nik}7`,
      `''${nik}`,
      `${nik}'`,
      '3374 0110 0683 0236',
      "'",
    ]) {
      expect(readIdNumber(bad)).toEqual({ ok: false, reason: ID_NUMBER_REASONS.digits16 });
    }
    expect(readIdNumber('  ')).toEqual({ ok: false, reason: ID_NUMBER_REASONS.required });
  });

  it('tells the person what to do about a refused number', () => {
    expect(ID_NUMBER_REASONS.required).toMatch(/required/);
    expect(ID_NUMBER_REASONS.digits16).toMatch(/16 digits/);
    expect(ID_NUMBER_REASONS.writtenAsNumber).toMatch(
      /may have lost digits; format the column as Text and type it again$/,
    );
    expect(ID_NUMBER_REASONS.numberCell).toMatch(
      /keeps only 15 digits .*; format the column as Text and type it again$/,
    );
  });
});
