import { COVID_IMPACTS } from '../domain/covid-impact';
import { seededRandom } from '../domain/synthetic';

/**
 * Seeded, reproducible synthetic proposals in the Sidaksos template's columns, with a
 * controlled share of invalid, non-resident, excluded and duplicate persons, and the
 * exclusion registers that match them. For tests, the demo and the benchmarks only.
 *
 * Every person has a family (No. KK) of their own, except a `duplicate` (the same person
 * again) and, when asked for with `shares.family`, a `family` member: another resident
 * with the No. KK of a valid person proposed shortly before, whom verval returns with
 * DUPLICATE_KK (one parcel per family). Every Covid-19 impact is an allowed one.
 */
export type PersonKind = 'valid' | 'invalid' | 'non-resident' | 'excluded' | 'duplicate' | 'family';

export interface SyntheticPerson {
  kind: PersonKind;
  nik: string;
  noKk: string;
  nama: string;
  alamat: string;
  rt: string;
  rw: string;
  kodeKelurahan: string;
  noHp: string;
  dampakCovid: string;
}

export interface Shares {
  invalid: number;
  nonResident: number;
  excluded: number;
  duplicate: number;
  /** Second members of a family already proposed; none unless asked for. */
  family?: number;
}

export const DEFAULT_SHARES: Shares = {
  invalid: 0.02,
  nonResident: 0.02,
  excluded: 0.05,
  duplicate: 0.01,
};

export const EXCLUSION_REGISTERS = ['PKH', 'BPNT', 'BST', 'KJS', 'PERMAKANAN', 'ISOMAN'] as const;

export const TEMPLATE_COLUMNS = [
  'nik',
  'no_kk',
  'nama',
  'alamat',
  'rt',
  'rw',
  'kode_kelurahan',
  'no_hp',
  'dampak_covid',
] as const;

const GIVEN = [
  'Siti',
  'Budi',
  'Agus',
  'Sri',
  'Dwi',
  'Eko',
  'Rina',
  'Wahyu',
  'Nur',
  'Joko',
  'Ani',
  'Yuli',
];
const FAMILY = [
  'Santoso',
  'Wibowo',
  'Lestari',
  'Rahayu',
  'Setiawan',
  'Susanti',
  'Hidayat',
  'Purnomo',
];
const STREETS = ['Jl. Pandanaran', 'Jl. Pemuda', 'Jl. Gajahmada', 'Jl. Majapahit', 'Jl. Kaligawe'];
const IMPACTS = COVID_IMPACTS.map((impact) => impact.id);

const OUTSIDE_SEMARANG = '332101';
const NOISE_FIRST_COUNTER = 100_000_000;

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Makes unique, structurally valid identity numbers: the counter keeps them unique. */
class IdentityMint {
  constructor(
    private readonly random: () => number,
    private counter = 0,
  ) {}

  nik(regionPrefix: string): string {
    const n = this.counter++;
    const birth = Math.floor(n / 9999);
    const female = this.random() < 0.5;
    const day = 1 + (birth % 28) + (female ? 40 : 0);
    const month = 1 + (Math.floor(birth / 28) % 12);
    const year = (40 + Math.floor(birth / 336)) % 100;
    return `${regionPrefix}${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad((n % 9999) + 1, 4)}`;
  }

  kk(regionPrefix: string): string {
    const n = this.counter++;
    const issued = Math.floor(n / 9999);
    return `${regionPrefix}${pad(1 + (issued % 28), 2)}${pad(1 + (Math.floor(issued / 28) % 12), 2)}${pad(10 + (Math.floor(issued / 336) % 12), 2)}${pad((n % 9999) + 1, 4)}`;
  }
}

export interface KecamatanPlan {
  kecamatanCode: string;
  kelurahanCodes: string[];
  count: number;
}

/**
 * Yields `count` persons per kecamatan. Excluded persons are valid residents whose NIK
 * also goes into one exclusion register (collected in `excludedNiks`).
 */
export function* generateProposals(
  plans: KecamatanPlan[],
  options: { seed: number; shares?: Shares; excludedNiks?: Map<string, string[]> },
): Generator<SyntheticPerson & { kecamatanCode: string }> {
  const random = seededRandom(options.seed);
  const mint = new IdentityMint(random);
  const shares = options.shares ?? DEFAULT_SHARES;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  for (const plan of plans) {
    const prefix = plan.kecamatanCode.replace(/\./g, '');
    const recent: SyntheticPerson[] = [];
    for (let i = 0; i < plan.count; i++) {
      const roll = random();
      let edge = 0;
      const thresholds = (
        [
          ['invalid', shares.invalid],
          ['non-resident', shares.nonResident],
          ['excluded', shares.excluded],
          ['duplicate', shares.duplicate],
          ['family', shares.family ?? 0],
        ] as const
      ).map(([kind, share]): [PersonKind, number] => [kind, (edge += share)]);
      let kind: PersonKind = thresholds.find(([, edge]) => roll < edge)?.[0] ?? 'valid';
      if (kind === 'duplicate' && recent.length === 0) kind = 'valid';
      const relative = kind === 'family' ? recent.filter((p) => p.kind === 'valid') : [];
      if (kind === 'family' && relative.length === 0) kind = 'valid';

      if (kind === 'duplicate') {
        yield { ...pick(recent), kind, kecamatanCode: plan.kecamatanCode };
        continue;
      }
      const person: SyntheticPerson = {
        kind,
        // A non-resident's NIK and KK are both from Kabupaten Demak: registered elsewhere.
        nik: mint.nik(kind === 'non-resident' ? OUTSIDE_SEMARANG : prefix),
        noKk: mint.kk(kind === 'non-resident' ? OUTSIDE_SEMARANG : prefix),
        nama: `${pick(GIVEN)} ${pick(FAMILY)}`,
        alamat: `${pick(STREETS)} No. ${1 + Math.floor(random() * 200)}`,
        rt: pad(1 + Math.floor(random() * 12), 3),
        rw: pad(1 + Math.floor(random() * 8), 3),
        kodeKelurahan: plan.kelurahanCodes[i % plan.kelurahanCodes.length],
        noHp: `08${pad(Math.floor(random() * 1e10), 10)}`,
        dampakCovid: pick(IMPACTS),
      };
      if (kind === 'family') {
        // A resident of their own, on the card (and at the address) of someone proposed before.
        const { noKk, alamat, rt, rw, kodeKelurahan } = pick(relative);
        Object.assign(person, { noKk, alamat, rt, rw, kodeKelurahan });
      }
      if (kind === 'invalid') {
        // A structural fault: serial 0000 (the NIK keeps its 16 digits).
        person.nik = `${person.nik.slice(0, 12)}0000`;
      }
      // The register is drawn whether or not it is collected, so output depends on the seed alone.
      const register = kind === 'excluded' ? pick(EXCLUSION_REGISTERS) : undefined;
      if (register && options.excludedNiks) {
        const list = options.excludedNiks.get(register) ?? [];
        list.push(person.nik);
        options.excludedNiks.set(register, list);
      }
      if (recent.length < 50) recent.push(person);
      else recent[Math.floor(random() * recent.length)] = person;
      yield { ...person, kecamatanCode: plan.kecamatanCode };
    }
  }
}

/** Extra register entries of people who were never proposed, so registers look realistic. */
export function* generateRegisterNoise(count: number, seed: number): Generator<string> {
  // Far from the proposals' counters (two per person), so no noise NIK is a proposed person's.
  const mint = new IdentityMint(seededRandom(seed), NOISE_FIRST_COUNTER);
  for (let i = 0; i < count; i++) yield mint.nik('3374' + pad(1 + (i % 16), 2));
}

const csvField = (value: string) =>
  /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export function toCsvLine(person: SyntheticPerson): string {
  return [
    person.nik,
    person.noKk,
    person.nama,
    person.alamat,
    person.rt,
    person.rw,
    person.kodeKelurahan,
    person.noHp,
    person.dampakCovid,
  ]
    .map(csvField)
    .join(',');
}
