import { KECAMATAN_CODE, KELURAHAN_CODE } from '../shared';

/** Region codes follow Kepmendagri: PP.KK.CC.DDDD (provinsi.kota.kecamatan.kelurahan). */
export type RegionLevel = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'kelurahan_desa';

/** The kota of a programme started without one (before programmes named their kota). */
export const KOTA_SEMARANG_CODE = '33.74';

export const KABUPATEN_KOTA_CODE = /^\d{2}\.\d{2}$/;

/** "33.74.01" or "33.74.01.1001" → "33.74": the kabupaten/kota a code lies in. */
export function kabupatenKotaOf(code: string): string {
  return code.slice(0, 5);
}

/** "33.74" → "3374": a kabupaten/kota as the first four digits of a NIK or No. KK. */
export function nikPrefixOf(kotaCode: string): string {
  return kotaCode.replace('.', '');
}

export function isKecamatanCodeFormat(code: string): boolean {
  return KECAMATAN_CODE.test(code);
}

/** The level of a region code, from its shape alone. */
export function regionLevelOf(code: string): RegionLevel | undefined {
  if (/^\d{2}$/.test(code)) return 'provinsi';
  if (KABUPATEN_KOTA_CODE.test(code)) return 'kabupaten_kota';
  if (KECAMATAN_CODE.test(code)) return 'kecamatan';
  if (KELURAHAN_CODE.test(code)) return 'kelurahan_desa';
  return undefined;
}

/** The parent of a region code, or undefined for a provinsi. */
export function parentRegionCode(code: string): string | undefined {
  const parts = code.split('.');
  return parts.length > 1 ? parts.slice(0, -1).join('.') : undefined;
}
