/** Verval reason codes: stable, stored with each result, with Indonesian and English labels. */
export const VERVAL_REASONS = {
  NIK_INVALID: { id: 'NIK tidak valid', en: 'NIK is not a valid 16-digit number' },
  NOT_RESIDENT: { id: 'Bukan warga Kota Semarang', en: 'Not a resident of Kota Semarang' },
  EXCLUDED: {
    id: 'Terdaftar sebagai penerima bantuan lain',
    en: 'Registered as a recipient of an excluded programme',
  },
  DUPLICATE_IN_BATCH: { id: 'Ganda dalam usulan', en: 'Duplicate within the proposal' },
  ALREADY_ACCEPTED: {
    id: 'Sudah diterima di usulan lain program ini',
    en: 'Already accepted in this programme',
  },
  OVER_QUOTA: { id: 'Melebihi kuota', en: 'Over the kecamatan quota' },
} as const;

export type VervalReason = keyof typeof VERVAL_REASONS;

/** Bumped whenever a rule changes, and stored with every run. */
export const VERVAL_RULESET_VERSION = '2021.1';

export const EXCLUSION_REGISTERS = ['PKH', 'BPNT', 'BST', 'KJS', 'PERMAKANAN', 'ISOMAN'] as const;
export type ExclusionRegister = (typeof EXCLUSION_REGISTERS)[number];
