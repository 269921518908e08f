import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import {
  EXCLUSION_REGISTERS,
  generateProposals,
  generateRegisterNoise,
  TEMPLATE_COLUMNS,
  toCsvLine,
  type KecamatanPlan,
  type PersonKind,
} from './generator';

export interface SyntheticFile {
  readonly path: string;
  rows: number;
}

export interface SyntheticFiles {
  /** One proposal file per kecamatan (Sidaksos template columns), keyed by kecamatan code. */
  readonly proposals: Map<string, SyntheticFile & { readonly kinds: Record<PersonKind, number> }>;
  /** One file per exclusion register (columns nik,nama), keyed by register. */
  readonly registers: Map<(typeof EXCLUSION_REGISTERS)[number], SyntheticFile>;
  readonly personCount: number;
}

export interface SyntheticFileOptions {
  readonly seed: number;
  /** Extra register entries of people never proposed, so registers look realistic. */
  readonly registerNoise?: number;
}

const noKinds = (): Record<PersonKind, number> => ({
  valid: 0,
  invalid: 0,
  'non-resident': 0,
  excluded: 0,
  duplicate: 0,
  family: 0,
});

async function write(file: WriteStream, line: string): Promise<void> {
  if (!file.write(line)) await once(file, 'drain');
}

async function close(file: WriteStream): Promise<void> {
  file.end();
  if (!file.writableFinished) await once(file, 'finish');
}

/**
 * Writes the generator's proposals and matching exclusion registers as files, streamed so
 * a million rows take no more memory than a thousand. Same seed, same bytes.
 */
export async function writeSyntheticFiles(
  outDir: string,
  plans: readonly KecamatanPlan[],
  options: SyntheticFileOptions,
): Promise<SyntheticFiles> {
  mkdirSync(outDir, { recursive: true });
  const excluded = new Map<string, string[]>();
  const open = new Map<string, WriteStream>();
  const proposals: SyntheticFiles['proposals'] = new Map();
  let personCount = 0;
  for (const person of generateProposals([...plans], {
    seed: options.seed,
    excludedNiks: excluded,
  })) {
    let file = open.get(person.kecamatanCode);
    if (!file) {
      const path = join(outDir, `usulan-${person.kecamatanCode}.csv`);
      file = createWriteStream(path);
      open.set(person.kecamatanCode, file);
      proposals.set(person.kecamatanCode, { path, rows: 0, kinds: noKinds() });
      await write(file, `${TEMPLATE_COLUMNS.join(',')}\n`);
    }
    await write(file, `${toCsvLine(person)}\n`);
    const counts = proposals.get(person.kecamatanCode)!;
    counts.kinds[person.kind]++;
    counts.rows++;
    personCount++;
  }
  await Promise.all([...open.values()].map(close));

  const noise = [...generateRegisterNoise(options.registerNoise ?? 0, options.seed + 1)];
  const registers: SyntheticFiles['registers'] = new Map();
  for (const [index, register] of EXCLUSION_REGISTERS.entries()) {
    const path = join(outDir, `exclusion-${register}.csv`);
    const file = createWriteStream(path);
    await write(file, 'nik,nama\n');
    const niks = [
      ...(excluded.get(register) ?? []),
      ...noise.filter((_, i) => i % EXCLUSION_REGISTERS.length === index),
    ];
    for (const nik of niks) await write(file, `${nik},Penerima ${register}\n`);
    await close(file);
    registers.set(register, { path, rows: niks.length });
  }
  return { proposals, registers, personCount };
}
