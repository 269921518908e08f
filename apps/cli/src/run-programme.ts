import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@salur/libs/config/app-config';
import { formatTable, runProgramme, type ProgrammeSummaryRow } from './programme-run';
import { createProgress } from './progress';

const DEFAULT_PERSONS = 5600; // 16 x 5,600 = 89,600: the size of Kota Semarang's 2021 round

/**
 * The main job (README's first command runs it): a JPS programme for Kota Semarang driven
 * through the API by every role, then a summary table per kecamatan.
 *   run-programme [programId] [--persons N] [--work-dir DIR] [--seed S]
 *   run-programme --resume <programId> [--persons N] [--seed S]
 *   N: proposed residents per kecamatan (default 5,600); DIR: where the generated files go.
 *   --resume continues a programme an earlier run started (it crashed or was killed) from the
 *   state the API reports; give it the same --persons and --seed.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const resumed = option('resume');
  const programId =
    resumed ??
    args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ??
    `jps-2021-${Date.now().toString(36)}`;
  const persons = Number(option('persons') ?? DEFAULT_PERSONS);
  const workDir = option('work-dir') ?? join(tmpdir(), `salur-${programId}`);
  const config = loadConfig();
  const progress = createProgress({ bars: Boolean(process.stdout.isTTY) });
  const started = Date.now();
  let rows: ProgrammeSummaryRow[];
  try {
    rows = await runProgramme({
      baseUrl: `http://127.0.0.1:${config.api.port}`,
      programId,
      persons,
      workDir,
      seed: option('seed') === undefined ? undefined : Number(option('seed')),
      progress,
      resume: resumed !== undefined,
    });
  } finally {
    progress.stop();
    // The generated files hold (synthetic) personal data: they do not outlive the run.
    await rm(workDir, { recursive: true, force: true });
  }
  const total = (key: 'proposed' | 'returned' | 'accepted' | 'distributed') =>
    rows.reduce((sum, row) => sum + row[key], 0).toLocaleString('en');
  process.stdout.write(
    `\nProgramme ${programId}: ${rows.filter((r) => r.step.endsWith('completed')).length} of ` +
      `${rows.length} allocations completed in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
      `${total('proposed')} proposed, ${total('returned')} returned, ${total('accepted')} in the SK, ` +
      `${total('distributed')} parcels distributed\n\n${formatTable(rows)}`,
  );
  const documents = rows.reduce((sum, row) => sum + row.kelurahan_papers + row.kecamatan_papers, 0);
  const signed = rows.reduce((sum, row) => sum + row.bast_signed, 0);
  const api = `http://127.0.0.1:${config.api.port}`;
  process.stdout.write(
    `\nDocuments: the programme's Surat Edaran, SK and SPK; ${documents.toLocaleString('en')} papers of ` +
      `the kecamatan (BA Pemeriksaan, BAST penyedia, BA Monev, LPJ as PDF and XLSX) and their kelurahan ` +
      `(BNBA as PDF and XLSX, BAST); ${signed.toLocaleString('en')} BAST signed and collected\n` +
      `  the programme:  GET ${api}/programmes/${programId}/documents\n` +
      `  per kecamatan:  GET ${api}/allocations/allocation-${programId}-<kecamatan code>/documents\n` +
      `  verify a paper: ${config.documents.verifyUrl}/<code printed on it> (no token), or POST the file to ${api}/verify\n` +
      `  files:          ${config.documents.dir} (named by SHA-256)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nMain job failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
