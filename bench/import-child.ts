import { createReadStream } from 'node:fs';
import { Client } from 'pg';
import { parseAllocationId } from '@salur/libs/domain/allocation';
import { importProposals, type ConnectImportDb } from '@salur/libs/import';

/**
 * Runs one proposal import in its own process and prints {ms, rows, alreadyImported,
 * peakRssMb} as JSON, so the parent measures this process's peak memory alone. `rows` is
 * what the import wrote (its proposedCount), not the size the file was made with.
 *   import-child <databaseUrl> <allocationId> <file.csv>
 */
async function main(): Promise<void> {
  const [url, workflowId, file] = process.argv.slice(2);
  const client = new Client({ connectionString: url });
  await client.connect();
  const connect: ConnectImportDb = () => Promise.resolve({ client, release: () => undefined });
  const started = performance.now();
  const result = await importProposals(connect, {
    target: { workflowId, ...parseAllocationId(workflowId)! },
    letter: {
      letterNo: 'BENCH-1',
      letterDate: '2021-07-12',
      acknowledgedByCamat: true,
      submittedBy: 'bench',
    },
    file: { stream: createReadStream(file), format: 'csv', fileName: file },
  });
  const ms = performance.now() - started;
  await client.end();
  process.stdout.write(
    JSON.stringify({
      ms,
      rows: result.proposedCount,
      alreadyImported: result.alreadyImported,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `import-child failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
