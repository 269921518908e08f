import type { ProposedPerson } from '../../libs/persistence/proposal.repository';

let serial = 0;

/**
 * A structurally valid NIK issued in the given Semarang kecamatan: region code (6 digits),
 * date of birth DDMMYY (+40 on the day for women), then a 4-digit serial. Unique per call
 * within a test run, up to millions of persons.
 */
export function semarangNik(kecamatanCode: string, options: { female?: boolean } = {}): string {
  const n = serial++;
  const region = kecamatanCode.replace(/\./g, '');
  const birth = Math.floor(n / 9999);
  const day = 1 + (birth % 28) + (options.female ? 40 : 0);
  const month = 1 + (Math.floor(birth / 28) % 12);
  const year = Math.floor(birth / 336) % 100;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${region}${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad((n % 9999) + 1, 4)}`;
}

export function residents(
  kecamatanCode: string,
  kelurahanCodes: string[],
  count: number,
): ProposedPerson[] {
  return Array.from({ length: count }, (_, i) => ({
    nik: semarangNik(kecamatanCode, { female: i % 2 === 1 }),
    kelurahanCode: kelurahanCodes[i % kelurahanCodes.length],
  }));
}

/** A NIK from outside Kota Semarang (Kabupaten Demak, 33.21.01). */
export function outsiderNik(): string {
  return `332101150585${String((serial++ % 9999) + 1).padStart(4, '0')}`;
}

let listedSerial = 0;

/**
 * A valid Semarang NIK for persons a test puts in an exclusion register. Registers are
 * shared by every test in a run, so these come from a range semarangNik never reaches
 * (birth year 99): listing one never excludes another test's residents.
 */
export function listedNik(kecamatanCode: string): string {
  const n = listedSerial++;
  const region = kecamatanCode.replace(/\./g, '');
  const day = 1 + (Math.floor(n / 9999) % 28);
  return `${region}${String(day).padStart(2, '0')}0199${String((n % 9999) + 1).padStart(4, '0')}`;
}
