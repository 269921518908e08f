import { COVID_IMPACT_CHOICES } from './covid-impact';

/**
 * Verval reason codes: stable, stored with each result, with Indonesian and English labels.
 * A code is never renamed or reused; a retired code keeps its labels so old results stay
 * readable.
 */
export const VERVAL_REASONS = {
  NIK_INVALID: {
    id: 'NIK tidak valid (16 digit, kode kecamatan, tanggal lahir, nomor urut)',
    en: 'NIK is not valid (16 digits, kecamatan code, date of birth, serial)',
  },
  KK_INVALID: {
    id: 'Nomor KK tidak valid (16 digit, kode wilayah, tanggal terbit, nomor urut)',
    en: 'No. KK is not valid (16 digits, region code, issue date, serial)',
  },
  NOT_RESIDENT: { id: 'Bukan warga Kota Semarang', en: 'Not a resident of Kota Semarang' },
  COVID_IMPACT_INVALID: {
    id: `Dampak Covid-19 kosong atau di luar pilihan (${COVID_IMPACT_CHOICES})`,
    en: `Covid-19 impact missing or not among the allowed values (${COVID_IMPACT_CHOICES})`,
  },
  EXCLUDED: {
    id: 'Terdaftar sebagai penerima bantuan lain',
    en: 'Registered as a recipient of an excluded programme',
  },
  DUPLICATE_IN_BATCH: { id: 'Ganda dalam usulan', en: 'Duplicate within the proposal' },
  DUPLICATE_OTHER_KECAMATAN: {
    id: 'Sudah diterima di kecamatan lain pada program ini',
    en: 'Already accepted in another kecamatan of this programme',
  },
  ALREADY_IN_SK: {
    id: 'Sudah ditetapkan dalam SK program ini',
    en: 'Already fixed in this programme’s SK',
  },
  DUPLICATE_KK: {
    id: 'Satu KK sudah menerima (satu paket per keluarga)',
    en: 'The family (same No. KK) already receives a parcel (one parcel per family)',
  },
  OVER_QUOTA: { id: 'Melebihi kuota', en: 'Over the kecamatan quota' },
  MANUAL_REVIEW: {
    id: 'Ditolak melalui tinjauan manual (disetujui dua petugas)',
    en: 'Rejected by manual review (approved by a second member)',
  },
  /** Retired in ruleset 2021.2 (split into DUPLICATE_* and ALREADY_IN_SK); kept for old results. */
  ALREADY_ACCEPTED: {
    id: 'Sudah diterima di usulan lain program ini',
    en: 'Already accepted in this programme',
  },
} as const;

export type VervalReason = keyof typeof VERVAL_REASONS;

/** Warnings: a mismatch with other stated fields is shown to the data team but never rejects. */
export const VERVAL_WARNINGS = {
  NIK_ISSUED_ELSEWHERE: {
    id: 'NIK diterbitkan di luar Kota Semarang; KK Kota Semarang (pindah datang)',
    en: 'NIK first issued outside Kota Semarang; the KK is from Kota Semarang (moved in)',
  },
  NIK_KECAMATAN_MISMATCH: {
    id: 'Kecamatan pada NIK berbeda dengan kecamatan alamat',
    en: 'The NIK’s kecamatan differs from the stated address’s kecamatan',
  },
  KK_KECAMATAN_MISMATCH: {
    id: 'Kecamatan pada KK berbeda dengan kecamatan alamat',
    en: 'The KK’s kecamatan differs from the stated address’s kecamatan',
  },
} as const;

export type VervalWarning = keyof typeof VERVAL_WARNINGS;

/**
 * Bumped whenever a rule changes, and stored with every run (with a hash of the rules).
 * 2021.3: one parcel per family (DUPLICATE_KK) and the Covid-19 impact (COVID_IMPACT_INVALID).
 * 2021.4: residency in the programme's kabupaten/kota, not Kota Semarang's always.
 */
export const VERVAL_RULESET_VERSION = '2021.4';

export const EXCLUSION_REGISTERS = ['PKH', 'BPNT', 'BST', 'KJS', 'PERMAKANAN', 'ISOMAN'] as const;
export type ExclusionRegister = (typeof EXCLUSION_REGISTERS)[number];

export const VERVAL_OUTCOMES = ['accepted', 'rejected'] as const;
export type VervalOutcome = (typeof VERVAL_OUTCOMES)[number];

export interface LabelledCode {
  code: string;
  id: string;
  en: string;
}

/** Labels for a stored code; an unknown code (from a future ruleset) is shown as itself. */
export function labelReason(code: string): LabelledCode {
  const labels = (VERVAL_REASONS as Record<string, { id: string; en: string }>)[code];
  return { code, id: labels?.id ?? code, en: labels?.en ?? code };
}

export function labelWarning(code: string): LabelledCode {
  const labels = (VERVAL_WARNINGS as Record<string, { id: string; en: string }>)[code];
  return { code, id: labels?.id ?? code, en: labels?.en ?? code };
}
