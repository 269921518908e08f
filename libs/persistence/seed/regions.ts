import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentRegionCode, regionLevelOf, type RegionLevel } from '../../domain/region';
import { repoRoot } from '../repo-root';

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
