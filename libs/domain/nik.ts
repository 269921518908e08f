import { nikPrefixOf } from './region';
import type { VervalReason, VervalWarning } from './verval';

/**
 * NIK and No. KK checks, pure. The verval SQL (libs/persistence/verval.repository.ts)
 * applies the same rules set-based; test/integration/verval-reasons.test.ts checks that
 * both agree on generated numbers.
 *
 * NIK:   PPKKCC DDMMYY SSSS  region (a real kecamatan), date of birth (women: DD + 40), serial
 * No. KK: PPKKCC DDMMYY SSSS  region where the card was issued, issue date, serial
 */

/** True when the six digits are a real kecamatan code (e.g. "337401" for 33.74.01). */
export type KecamatanLookup = (prefix: string) => boolean;

export type NumberProblem = 'NOT_16_DIGITS' | 'UNKNOWN_REGION' | 'BAD_DATE' | 'ZERO_SERIAL';

const SIXTEEN_DIGITS = /^[0-9]{16}$/;

/**
 * A valid DDMMYY. The century is not written, so 29 February is accepted whenever
 * YY is divisible by 4 (for YY = 00 it is valid in 2000, though not in 1900).
 */
export function isValidDdmmyy(day: number, month: number, yy: number): boolean {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(yy)) return false;
  if (yy < 0 || yy > 99 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(month, yy);
}

export function daysInMonth(month: number, yy: number): number {
  if (month === 2) return yy % 4 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface NikParts {
  regionPrefix: string;
  day: number;
  month: number;
  yy: number;
  female: boolean;
  serial: string;
}

/** Splits a 16-digit NIK; the day is the real day of birth (the +40 for women removed). */
export function splitNik(nik: string): NikParts | undefined {
  if (!SIXTEEN_DIGITS.test(nik)) return undefined;
  const rawDay = Number(nik.slice(6, 8));
  const female = rawDay > 40;
  return {
    regionPrefix: nik.slice(0, 6),
    day: female ? rawDay - 40 : rawDay,
    month: Number(nik.slice(8, 10)),
    yy: Number(nik.slice(10, 12)),
    female,
    serial: nik.slice(12),
  };
}

/** Every structural problem of a NIK; empty when it is valid. */
export function nikProblems(nik: string, isKecamatan: KecamatanLookup): NumberProblem[] {
  const parts = splitNik(nik);
  if (!parts) return ['NOT_16_DIGITS'];
  const problems: NumberProblem[] = [];
  if (!isKecamatan(parts.regionPrefix)) problems.push('UNKNOWN_REGION');
  // A raw day of 32..40 or above 71 is neither a man's nor a woman's day.
  if (!isValidDdmmyy(parts.day, parts.month, parts.yy)) problems.push('BAD_DATE');
  if (parts.serial === '0000') problems.push('ZERO_SERIAL');
  return problems;
}

/** Every structural problem of a No. KK (issue date, no +40 rule); empty when it is valid. */
export function kkProblems(noKk: string, isKecamatan: KecamatanLookup): NumberProblem[] {
  if (!SIXTEEN_DIGITS.test(noKk)) return ['NOT_16_DIGITS'];
  const problems: NumberProblem[] = [];
  if (!isKecamatan(noKk.slice(0, 6))) problems.push('UNKNOWN_REGION');
  const [day, month, yy] = [6, 8, 10].map((at) => Number(noKk.slice(at, at + 2)));
  if (!isValidDdmmyy(day, month, yy)) problems.push('BAD_DATE');
  if (noKk.slice(12) === '0000') problems.push('ZERO_SERIAL');
  return problems;
}

export const isValidNik = (nik: string, isKecamatan: KecamatanLookup) =>
  nikProblems(nik, isKecamatan).length === 0;
export const isValidKk = (noKk: string, isKecamatan: KecamatanLookup) =>
  kkProblems(noKk, isKecamatan).length === 0;

export interface StatedPerson {
  nik: string;
  noKk?: string | null;
  /** The stated address's kelurahan, e.g. 33.74.01.1001. */
  kelurahanCode: string;
}

export interface PersonCheck {
  rejections: VervalReason[];
  warnings: VervalWarning[];
}

export interface ResidencyLookups {
  isKecamatan: KecamatanLookup;
  /** The programme's kabupaten/kota, e.g. 33.74 (Kota Semarang). */
  kotaCode: string;
  /** True when the code is a kelurahan or desa of that kabupaten/kota. */
  isKotaKelurahan: (code: string) => boolean;
}

/**
 * The per-person structural and residency rules (docs/verval.md explains the residency
 * decision): the stated address must be a kelurahan of the programme's kabupaten/kota, and
 * the most recent civil-registry document must be from there: the KK when one is given and
 * valid (a family that moves gets a new KK from its new Dukcapil but keeps its NIKs), else
 * the NIK. A mismatch between valid numbers and the stated address is a warning only.
 */
export function checkPerson(person: StatedPerson, lookups: ResidencyLookups): PersonCheck {
  const rejections: VervalReason[] = [];
  const warnings: VervalWarning[] = [];
  const nikValid = isValidNik(person.nik, lookups.isKecamatan);
  const hasKk = person.noKk !== undefined && person.noKk !== null && person.noKk !== '';
  const kkValid = hasKk && isValidKk(person.noKk as string, lookups.isKecamatan);
  if (!nikValid) rejections.push('NIK_INVALID');
  if (hasKk && !kkValid) rejections.push('KK_INVALID');

  const kotaPrefix = nikPrefixOf(lookups.kotaCode);
  const addressInKota = lookups.isKotaKelurahan(person.kelurahanCode);
  const nikInKota = nikValid && person.nik.startsWith(kotaPrefix);
  const kkInKota = kkValid && (person.noKk as string).startsWith(kotaPrefix);
  const documentInKota = kkValid ? kkInKota : nikInKota;
  if (!addressInKota || (nikValid && !documentInKota)) rejections.push('NOT_RESIDENT');

  if (addressInKota) {
    const statedKecamatan = kecamatanPrefixOf(person.kelurahanCode);
    if (nikValid && !nikInKota && kkInKota) warnings.push('NIK_ISSUED_ELSEWHERE');
    if (nikInKota && person.nik.slice(0, 6) !== statedKecamatan) {
      warnings.push('NIK_KECAMATAN_MISMATCH');
    }
    if (kkInKota && (person.noKk as string).slice(0, 6) !== statedKecamatan) {
      warnings.push('KK_KECAMATAN_MISMATCH');
    }
  }
  return { rejections, warnings };
}

/** "33.74.01.1001" → "337401": the stated kelurahan's kecamatan as NIK digits. */
export function kecamatanPrefixOf(kelurahanCode: string): string {
  return kelurahanCode.split('.').slice(0, 3).join('');
}
