import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { renderBnbaPdf, renderBnbaXlsx } from '@salur/libs/documents/bnba';
import { sampleBnba } from '@salur/libs/documents/documents.testing';
import { ContentStore } from '@salur/libs/persistence/content-store';
import { buildDataSourceOptions } from '@salur/libs/persistence/data-source-options';
import { createDocumentServices } from '@salur/libs/persistence/documents';
import { bareLibraryPapers } from './documents-bare';

/**
 * One measured part of the documents benchmark, in a process of its own so that its peak
 * memory is its own; prints {ms, documents, rows, peakRssMb} as JSON.
 *   documents-child product <databaseUrl> <programId> <allocation>...   all BNBA + BAST, as step 6 does
 *   documents-child bare <kelurahan>x<persons>                           the bare PDF library, same pages
 *   documents-child one <persons>                                        one BNBA (PDF and XLSX) of that size
 */
async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  const dir = mkdtempSync(join(tmpdir(), 'salur-bench-documents-'));
  const started = performance.now();
  let documents = 0;
  let rows = 0;
  try {
    if (mode === 'product') {
      const [url, programId, ...allocations] = args;
      const dataSource = await new DataSource(buildDataSourceOptions(url)).initialize();
      const services = createDocumentServices(dataSource, {
        dir,
        agency: 'Dinas Sosial',
        agencyAddress: '',
        verifyUrl: 'http://127.0.0.1:3000/verify',
      });
      // Four allocations at a time, as the main job sends PRINT_BAST_BNBA and one worker
      // runs their activities: each goes through its kelurahan one after another.
      const queue = [...allocations];
      const work = async () => {
        for (let workflowId = queue.shift(); workflowId; workflowId = queue.shift()) {
          const kecamatanCode = workflowId.slice(-8);
          const papers = await services.papers.plan(programId, workflowId, kecamatanCode);
          for (const kelurahan of papers.kelurahan) {
            const generated = await services.papers.generate(papers, kelurahan, null, {
              id: 'bench',
              role: 'tim_data',
            });
            documents += generated.length;
            rows += kelurahan.recipients;
          }
        }
      };
      await Promise.all([work(), work(), work(), work()]);
      await dataSource.destroy();
    } else if (mode === 'bare') {
      const [kelurahan, persons] = args[0].split('x').map(Number);
      rows = await bareLibraryPapers(dir, kelurahan, persons);
      documents = 2 * kelurahan;
    } else if (mode === 'one') {
      const persons = Number(args[0]);
      const store = new ContentStore(dir);
      for (const render of [renderBnbaPdf, renderBnbaXlsx]) {
        const received = await store.receiveWritten((out) =>
          render(sampleBnba(persons), out, { nik: 'masked' }),
        );
        await store.discard(received.path);
      }
      documents = 2;
      rows = persons;
    } else {
      throw new Error(`unknown mode ${mode}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - started,
      documents,
      rows,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `documents-child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
