import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { readRegionSeed } from '../../../libs/persistence/seed/regions';
import {
  generateProposals,
  generateRegisterNoise,
  TEMPLATE_COLUMNS,
  toCsvLine,
  type KecamatanPlan,
} from '../../../libs/synthetic/generator';

/**
 * Writes synthetic proposal files (one per kecamatan, Sidaksos template columns) and the
 * matching exclusion registers (nik,nama) to a folder.
 *   generate-data --out DIR [--seed 2021] [--per-kecamatan 5600]
 *   generate-data --out DIR --kecamatan 33.74.01 --rows 1000000   (one big file)
 *   [--register-noise N]  extra register entries of people never proposed
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  if (!out) throw new Error('--out DIR is required');
  const seed = Number(args.get('seed') ?? 2021);
  const noise = Number(args.get('register-noise') ?? 0);
  mkdirSync(out, { recursive: true });

  const regions = readRegionSeed();
  const kelurahanOf = (kec: string) =>
    regions.filter((r) => r.parentCode === kec && r.level === 'kelurahan_desa').map((r) => r.code);
  const only = args.get('kecamatan');
  const plans: KecamatanPlan[] = only
    ? [
        {
          kecamatanCode: only,
          kelurahanCodes: kelurahanOf(only),
          count: Number(args.get('rows') ?? 1000),
        },
      ]
    : regions
        .filter((r) => r.level === 'kecamatan')
        .map((r) => ({
          kecamatanCode: r.code,
          kelurahanCodes: kelurahanOf(r.code),
          count: Number(args.get('per-kecamatan') ?? 5600),
        }));
  if (plans.some((p) => p.kelurahanCodes.length === 0)) throw new Error('unknown kecamatan code');

  const excluded = new Map<string, string[]>();
  const files = new Map<string, WriteStream>();
  let written = 0;
  for (const person of generateProposals(plans, { seed, excludedNiks: excluded })) {
    let file = files.get(person.kecamatanCode);
    if (!file) {
      file = createWriteStream(join(out, `usulan-${person.kecamatanCode}.csv`));
      files.set(person.kecamatanCode, file);
      file.write(`${TEMPLATE_COLUMNS.join(',')}\n`);
    }
    if (!file.write(`${toCsvLine(person)}\n`)) await once(file, 'drain');
    written++;
  }
  for (const file of files.values()) file.end();

  const noiseNiks = [...generateRegisterNoise(noise, seed + 1)];
  const registers = ['PKH', 'BPNT', 'BST', 'KJS', 'PERMAKANAN', 'ISOMAN'];
  for (const [index, register] of registers.entries()) {
    const file = createWriteStream(join(out, `exclusion-${register}.csv`));
    file.write('nik,nama\n');
    const own = [
      ...(excluded.get(register) ?? []),
      ...noiseNiks.filter((_, i) => i % registers.length === index),
    ];
    for (const nik of own) {
      if (!file.write(`${nik},Penerima ${register}\n`)) await once(file, 'drain');
    }
    file.end();
    await once(file, 'finish');
  }
  for (const file of files.values()) {
    if (!file.writableFinished) await once(file, 'finish');
  }
  process.stdout.write(
    `Wrote ${written} proposed persons in ${files.size} file(s) and 6 exclusion registers to ${out}\n`,
  );
}

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) args.set(argv[i].slice(2), argv[i + 1] ?? '');
  }
  return args;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `generate-data failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
