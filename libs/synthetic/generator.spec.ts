import { readCovidImpacts } from '../domain/covid-impact';
import {
  DEFAULT_SHARES,
  generateProposals,
  TEMPLATE_COLUMNS,
  toCsvLine,
  type SyntheticPerson,
} from './generator';

const plans = [
  { kecamatanCode: '33.74.01', kelurahanCodes: ['33.74.01.1001', '33.74.01.1002'], count: 4000 },
  { kecamatanCode: '33.74.02', kelurahanCodes: ['33.74.02.1001'], count: 1000 },
];

describe('synthetic proposals', () => {
  const excluded = new Map<string, string[]>();
  const people = [...generateProposals(plans, { seed: 2021, excludedNiks: excluded })];

  it('makes the requested number of persons per kecamatan', () => {
    expect(people.filter((p) => p.kecamatanCode === '33.74.01')).toHaveLength(4000);
    expect(people.filter((p) => p.kecamatanCode === '33.74.02')).toHaveLength(1000);
  });

  it('is reproducible from its seed', () => {
    const again = [...generateProposals(plans, { seed: 2021 })];
    expect(again.map((p) => p.nik)).toEqual(people.map((p) => p.nik));
  });

  it('keeps the shares of each kind near what was asked', () => {
    const share = (kind: SyntheticPerson['kind']) =>
      people.filter((p) => p.kind === kind).length / people.length;
    expect(share('invalid')).toBeCloseTo(0.02, 1);
    expect(share('non-resident')).toBeCloseTo(0.02, 1);
    expect(share('excluded')).toBeCloseTo(0.05, 1);
    expect(share('duplicate')).toBeGreaterThan(0.003);
  });

  it('gives valid residents unique 16-digit NIKs from their kecamatan', () => {
    const valid = people.filter((p) => p.kind === 'valid');
    expect(new Set(valid.map((p) => p.nik)).size).toBe(valid.length);
    for (const p of valid) {
      expect(p.nik).toMatch(new RegExp(`^${p.kecamatanCode.replace(/\./g, '')}\\d{10}$`));
      expect(p.nik.slice(12)).not.toBe('0000');
      expect(p.kodeKelurahan.startsWith(p.kecamatanCode)).toBe(true);
    }
  });

  it('puts every excluded person in an exclusion register', () => {
    const registered = new Set([...excluded.values()].flat());
    const excludedPeople = people.filter((p) => p.kind === 'excluded');
    expect(excludedPeople.length).toBeGreaterThan(0);
    expect(excludedPeople.every((p) => registered.has(p.nik))).toBe(true);
  });

  it('gives each family (No. KK) one person, and every person an impact verval allows', () => {
    const niksOfKk = new Map<string, Set<string>>();
    for (const p of people) niksOfKk.set(p.noKk, (niksOfKk.get(p.noKk) ?? new Set()).add(p.nik));
    expect([...niksOfKk.values()].filter((niks) => niks.size > 1)).toEqual([]);
    expect(people.filter((p) => readCovidImpacts(p.dampakCovid) === undefined)).toEqual([]);
  });

  it('adds second members of families only when asked, seeded, each at a valid relative’s card and address', () => {
    const shares = { ...DEFAULT_SHARES, family: 0.05 };
    const withFamilies = [...generateProposals(plans, { seed: 2021, shares })];
    expect([...generateProposals(plans, { seed: 2021, shares })]).toEqual(withFamilies);
    const members = withFamilies.filter((p) => p.kind === 'family');
    expect(members.length / withFamilies.length).toBeCloseTo(0.05, 1);
    for (const member of members) {
      const relatives = withFamilies.filter((p) => p.noKk === member.noKk && p !== member);
      expect(relatives.map((r) => [r.kind, r.kecamatanCode])).toContainEqual([
        'valid',
        member.kecamatanCode,
      ]);
      const relative = relatives.find((r) => r.kind === 'valid')!;
      expect(withFamilies.indexOf(relative)).toBeLessThan(withFamilies.indexOf(member));
      expect([member.alamat, member.kodeKelurahan]).toEqual([
        relative.alamat,
        relative.kodeKelurahan,
      ]);
      // A person of their own: their NIK is nobody else's (but a `duplicate` of them).
      const sameNik = withFamilies.filter((p) => p.nik === member.nik && p.kind !== 'duplicate');
      expect(sameNik).toEqual([member]);
    }
  });

  it('writes lines in the template column order', () => {
    expect(toCsvLine(people[0]).split(',')).toHaveLength(TEMPLATE_COLUMNS.length);
  });
});
