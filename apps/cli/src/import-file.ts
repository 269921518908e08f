import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { loadConfig } from '@salur/libs/config/app-config';
import { DomainError } from '@salur/libs/domain/errors';
import {
  FileRejected,
  formatOf,
  importExclusionRegister,
  importProposals,
  parseAllocationTarget,
  parseExclusionVersion,
  parseRequestLetter,
  type ConnectImportDb,
  type ImportFile,
} from '@salur/libs/import';

const USAGE = `Usage:
  import-file proposals <allocationId> <file.csv|file.xlsx> --letter-no NO --letter-date YYYY-MM-DD
              --acknowledged-by-camat true --submitted-by NAME
  import-file exclusion <register> <file.csv|file.xlsx> --version LABEL --valid-on YYYY-MM-DD --source TEXT

Loads the file straight into the database at DATABASE_URL, in one transaction: every row
or none. Bad rows are listed with line, column and reason. The same file again changes nothing.`;

/** `--name value` pairs after the positional arguments, as camelCase keys. */
export function parseOptions(args: readonly string[]): {
  positional: string[];
  options: Record<string, string>;
} {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--')) {
      const key = arg.slice(2).replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
      options[key] = args[i + 1] ?? '';
      i++;
    } else {
      positional.push(arg);
    }
  }
  return { positional, options };
}

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  const { positional, options } = parseOptions(argv);
  const [kind, target, path] = positional;
  if ((kind !== 'proposals' && kind !== 'exclusion') || !target || !path) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const size = (await stat(path)).size;
  const bar = new SingleBar(
    { format: 'Reading {bar} {percentage}% | {value}/{total} bytes | {eta_formatted} left' },
    Presets.shades_classic,
  );
  const file: ImportFile = {
    stream: createReadStream(path, { highWaterMark: 1024 * 1024 }),
    format: formatOf(path),
    fileName: basename(path),
    onBytes: (bytes) => bar.update(bytes),
  };

  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  const connect: ConnectImportDb = () => Promise.resolve({ client, release: () => undefined });
  bar.start(size, 0);
  try {
    if (kind === 'proposals') {
      const result = await importProposals(connect, {
        target: parseAllocationTarget(target),
        letter: parseRequestLetter(options),
        file,
      });
      bar.stop();
      out(
        result.alreadyImported
          ? `Already imported: this file made batch ${result.batchId} (${result.proposedCount} rows); nothing changed.`
          : `Imported ${result.proposedCount} proposed persons as batch ${result.batchId}.`,
      );
      out(`SHA-256 ${result.sha256}`);
      out(
        `Next: SUBMIT_PROPOSALS { "batchId": "${result.batchId}", "proposedCount": ${result.proposedCount} }`,
      );
    } else {
      const result = await importExclusionRegister(connect, {
        version: parseExclusionVersion(target, {
          versionLabel: options.version,
          validOn: options.validOn,
          source: options.source,
        }),
        file,
      });
      bar.stop();
      out(
        result.alreadyImported
          ? `Already imported: ${result.register} version "${result.versionLabel}"; nothing changed.`
          : `Loaded ${result.register} version "${result.versionLabel}": ${result.entryCount} NIKs from ${result.rowCount} rows; it is now current.`,
      );
      out(`SHA-256 ${result.sha256}`);
    }
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof FileRejected) {
      out(error.message);
      for (const row of error.rows) out(`  line ${row.line}, column ${row.column}: ${row.reason}`);
      const listed = error.rows.length;
      const total = error.totals.problems;
      if (listed < total) out(`  ... and ${total - listed} more problem(s)`);
      return 1;
    }
    if (error instanceof DomainError) {
      out(`${error.code}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `Import failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
