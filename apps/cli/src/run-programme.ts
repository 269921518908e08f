import { loadConfig } from '../../../libs/config/app-config';
import { formatTable, runProgramme } from './programme-run';

/**
 * The main job (README's first command runs it): a JPS programme for Kota Semarang driven
 * through the API by every role, then a summary table per kecamatan.
 *   run-programme [programId] [--persons N]   (N proposed residents per kecamatan, default 40)
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const programId = args.find((a) => !a.startsWith('--')) ?? `jps-2021-${Date.now().toString(36)}`;
  const personsIndex = args.indexOf('--persons');
  const persons = personsIndex >= 0 ? Number(args[personsIndex + 1]) : 40;
  const config = loadConfig();
  const rows = await runProgramme({
    baseUrl: `http://127.0.0.1:${config.api.port}`,
    programId,
    persons,
  });
  process.stdout.write(`\nProgramme ${programId}\n${formatTable(rows)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Main job failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
