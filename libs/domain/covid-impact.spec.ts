import fc from 'fast-check';
import { codeNames, docTable } from '@salur/test/support/doc-tables';
import {
  COVID_IMPACT_BLANKS,
  COVID_IMPACTS,
  covidImpactKey,
  readCovidImpacts,
} from './covid-impact';
import { VERVAL_REASONS } from './verval';

describe('the Covid-19 impacts verval allows', () => {
  const allowed = COVID_IMPACTS.map((i) => i.id);

  it('reads each allowed value in any case of its letters, with blanks around it', () => {
    expect(readCovidImpacts('Kehilangan pekerjaan')).toEqual(['Kehilangan pekerjaan']);
    expect(readCovidImpacts(' \tUSAHA tutup\u00a0\r\n')).toEqual(['Usaha tutup']);
    fc.assert(
      fc.property(
        fc.constantFrom(...allowed),
        fc.func(fc.boolean()),
        fc.stringMatching(new RegExp(`^[${COVID_IMPACT_BLANKS}]{0,3}$`)),
        fc.stringMatching(new RegExp(`^[${COVID_IMPACT_BLANKS}]{0,3}$`)),
        (value, upper, before, after) => {
          const cased = [...value].map((c, i) => (upper(i) ? c.toUpperCase() : c)).join('');
          expect(readCovidImpacts(`${before}${cased}${after}`)).toEqual([value]);
        },
      ),
    );
  });

  it('reads several values separated by commas, each of them allowed', () => {
    expect(readCovidImpacts('Kehilangan pekerjaan, usaha tutup')).toEqual([
      'Kehilangan pekerjaan',
      'Usaha tutup',
    ]);
    expect(readCovidImpacts('Penghasilan turun,Isolasi mandiri')).toEqual([
      'Penghasilan turun',
      'Isolasi mandiri',
    ]);
  });

  it.each([
    ['missing', null],
    ['not stated', undefined],
    ['empty', ''],
    ['blank', ' \t '],
    ['not on the list', 'Terdampak Covid'],
    ['another separator', 'Kehilangan pekerjaan; usaha tutup'],
    ['an empty value after a comma', 'Isolasi mandiri,'],
    ['two spaces inside', 'Usaha  tutup'],
    ['a letter that only lower-cases to ASCII outside ASCII', 'Usaha tutu\u212a'],
    ['a blank String.trim would drop but the list does not name', '\u2003Usaha tutup'],
  ])('refuses a value %s', (_why, value) => {
    expect(readCovidImpacts(value)).toBeUndefined();
  });

  it('compares without changing what was stated', () => {
    const stated = '  Usaha TUTUP ';
    expect(covidImpactKey(stated)).toBe('usaha tutup');
    expect(stated).toBe('  Usaha TUTUP ');
  });

  it('names every allowed value in the reason and in docs/verval.md', () => {
    for (const value of allowed) {
      expect(VERVAL_REASONS.COVID_IMPACT_INVALID.id).toContain(value);
      expect(VERVAL_REASONS.COVID_IMPACT_INVALID.en).toContain(value);
    }
    expect(docTable('verval.md', '| dampak_covid').map(([value]) => codeNames(value)[0])).toEqual(
      allowed,
    );
  });
});
