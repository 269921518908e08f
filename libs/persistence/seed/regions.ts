import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parentRegionCode, regionLevelOf, type RegionLevel } from '@salur/libs/domain/region';
import { repoRoot } from '@salur/libs/config/repo-root';
import { KECAMATAN_CODE } from '@salur/libs/shared';

export interface RegionSeedRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** Reads the repo's copy of the Kota Semarang region list (kode,nama,tingkat). */
export function readRegionSeed(): RegionSeedRow[] {
  const file = join(repoRoot(), 'libs/persistence/seed/wilayah-kota-semarang.csv');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header !== 'kode,nama,tingkat') {
    throw new Error(`${file}: expected header "kode,nama,tingkat", got "${header}"`);
  }
  return rows.map((line, index) => {
    const [code, name, tingkat] = line.split(',');
    const level = regionLevelOf(code);
    if (!level || level !== tingkat || !name) {
      throw new Error(`${file}:${index + 2}: bad region row "${line}"`);
    }
    // The city's file has no provinsi row: its kota is the top of the tree here.
    const parentCode = level === 'kabupaten_kota' ? null : (parentRegionCode(code) ?? null);
    return { code, name, level, parentCode };
  });
}

/** The Kepmendagri `tingkat` of the national file, as the region table's level. */
const NATIONAL_LEVELS: Record<string, RegionLevel> = {
  provinsi: 'provinsi',
  kabupaten_kota: 'kabupaten_kota',
  kecamatan: 'kecamatan',
  kelurahan: 'kelurahan_desa',
  desa: 'kelurahan_desa',
};

/**
 * Every region of Indonesia (kode,nama,tingkat; README.md beside it): provinsi first,
 * then each kabupaten/kota, kecamatan and kelurahan/desa after its parent. Gzipped source
 * data (2.7 MB as text); names with commas are quoted.
 */
export function readNationalRegionSeed(): RegionSeedRow[] {
  const file = join(repoRoot(), 'libs/persistence/seed/wilayah-indonesia.csv.gz');
  const lines = gunzipSync(readFileSync(file))
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header !== 'kode,nama,tingkat') {
    throw new Error(`${file}: expected header "kode,nama,tingkat", got "${header}"`);
  }
  return rows.map((line, index) => {
    const fields = splitCsvLine(line);
    const [code, name, tingkat] = fields;
    const level = regionLevelOf(code);
    if (fields.length !== 3 || !level || level !== NATIONAL_LEVELS[tingkat] || !name) {
      throw new Error(`${file}:${index + 2}: bad region row "${line}"`);
    }
    return { code, name, level, parentCode: parentRegionCode(code) ?? null };
  });
}

export interface NationalKecamatanRow {
  code: string;
  name: string;
  kabupatenKota: string;
  provinsi: string;
}

/** Every kecamatan of Indonesia (kode,nama,kabupaten_kota,provinsi); names may be quoted. */
export function readNationalKecamatanSeed(): NationalKecamatanRow[] {
  const file = join(repoRoot(), 'libs/persistence/seed/kecamatan-indonesia.csv');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header !== 'kode,nama,kabupaten_kota,provinsi') {
    throw new Error(`${file}: unexpected header "${header}"`);
  }
  return rows.map((line, index) => {
    const fields = splitCsvLine(line);
    const [code, name, kabupatenKota, provinsi] = fields;
    if (fields.length !== 4 || !KECAMATAN_CODE.test(code)) {
      throw new Error(`${file}:${index + 2}: bad kecamatan row "${line}"`);
    }
    return { code, name, kabupatenKota, provinsi };
  });
}

/** Splits one CSV line, honouring double-quoted fields with commas and "" escapes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        current += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}
