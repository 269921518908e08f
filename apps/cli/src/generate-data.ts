import { readRegionSeed } from '@salur/libs/persistence/seed/regions';
import { writeSyntheticFiles } from '@salur/libs/synthetic/files';
import type { KecamatanPlan } from '@salur/libs/synthetic/generator';

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

  const files = await writeSyntheticFiles(out, plans, {
    seed: Number(args.get('seed') ?? 2021),
    registerNoise: Number(args.get('register-noise') ?? 0),
  });
  process.stdout.write(
    `Wrote ${files.personCount} proposed persons in ${files.proposals.size} file(s) and ` +
      `${files.registers.size} exclusion registers to ${out}\n`,
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
