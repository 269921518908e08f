import { join } from 'node:path';
import { writeXlsxTemplate } from '@salur/libs/import/xlsx-template';

/**
 * `node dist/apps/cli/src/make-import-templates.js`: writes the .xlsx templates next to the
 * CSV ones in docs/templates (generated, not kept in the repository).
 */
const dir = join(__dirname, '..', '..', '..', '..', 'docs', 'templates');

async function main(): Promise<void> {
  await writeXlsxTemplate(
    join(dir, 'usulan-penerima.csv'),
    join(dir, 'usulan-penerima.xlsx'),
    'usulan',
  );
  await writeXlsxTemplate(
    join(dir, 'daftar-pengecualian.csv'),
    join(dir, 'daftar-pengecualian.xlsx'),
    'pengecualian',
  );
  process.stdout.write(`Wrote the .xlsx templates to ${dir}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
