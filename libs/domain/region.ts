import { KECAMATAN_CODE, KELURAHAN_CODE } from '../shared';

/** Region codes follow Kepmendagri: PP.KK.CC.DDDD (provinsi.kota.kecamatan.kelurahan). */
export type RegionLevel = 'kabupaten_kota' | 'kecamatan' | 'kelurahan_desa';

export const KOTA_SEMARANG_CODE = '33.74';

export function isKecamatanCodeFormat(code: string): boolean {
  return KECAMATAN_CODE.test(code);
}

/** The level of a region code, from its shape alone. */
export function regionLevelOf(code: string): RegionLevel | undefined {
  if (/^\d{2}\.\d{2}$/.test(code)) return 'kabupaten_kota';
  if (KECAMATAN_CODE.test(code)) return 'kecamatan';
  if (KELURAHAN_CODE.test(code)) return 'kelurahan_desa';
  return undefined;
}

/** The parent of a region code, or undefined for the city itself. */
export function parentRegionCode(code: string): string | undefined {
  const parts = code.split('.');
  return parts.length > 2 ? parts.slice(0, -1).join('.') : undefined;
}
