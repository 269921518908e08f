import type { ProposedPerson } from '../../libs/persistence/proposal.repository';

let serial = 1;

/**
 * A structurally valid NIK issued in the given Semarang kecamatan: region code (6 digits),
 * date of birth DDMMYY (+40 on the day for women), then a 4-digit serial.
 */
export function semarangNik(kecamatanCode: string, options: { female?: boolean } = {}): string {
  const region = kecamatanCode.replace(/\./g, '');
  const day = 10 + (serial % 18) + (options.female ? 40 : 0);
  const serialText = String(serial++ % 10_000 || 1).padStart(4, '0');
  return `${region}${String(day).padStart(2, '0')}0585${serialText}`;
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
  return `332101150585${String(serial++ % 10_000 || 1).padStart(4, '0')}`;
}
