import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
