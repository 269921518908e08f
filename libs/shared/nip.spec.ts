import { isNip, printedNip } from './nip';

describe('isNip', () => {
  it('takes an NIP typed as 18 digits or written apart as it is printed', () => {
    expect(isNip('196805121994031007')).toBe(true);
    expect(isNip('19680512 199403 1 007')).toBe(true);
    expect(isNip('19850722 201001 2 014')).toBe(true);
  });

  it('refuses a bad date of birth, appointment, sex digit or grouping', () => {
    for (const bad of [
      '196802301994031007', // 30 February
      '196805121994131007', // month 13 of appointment
      '196805121960031007', // appointed before birth
      '196805121994033007', // sex digit 3
      '19680512199403100', // 17 digits
      '19680512 1994031007', // half apart
      '1968 0512 199403 1 007',
      196805121994031000, // a number, as Excel would keep it
    ]) {
      expect([bad, isNip(bad)]).toEqual([bad, false]);
    }
  });

  it('never takes a NIK or KK number with digits added for one', () => {
    for (const nik of ['3374014107850001', '1971011203850002', '9271015507990003']) {
      for (const extra of ['00', '19', '99']) {
        expect(isNip(`${nik}${extra}`)).toBe(false);
        expect(isNip(`${extra}${nik}`)).toBe(false);
      }
    }
  });
});

describe('printedNip', () => {
  it('prints the four groups apart, however the NIP was typed', () => {
    expect(printedNip('196805121994031007')).toBe('19680512 199403 1 007');
    expect(printedNip('19680512 199403 1 007')).toBe('19680512 199403 1 007');
  });

  it('leaves what is not an NIP as it is', () => {
    expect(printedNip('12345')).toBe('12345');
  });
});
