import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { formatSpread, formatSummary, spread, summariseRuns, type Run } from './stats';
import { fillSignedSk } from './documents-fill';
import {
  BENCH_DATABASE_URL,
  describePlan,
  freshSchema,
  measuredRounds,
  withClient,
  type RunPlan,
} from './support';

const KELURAHAN = 177;

type ChildRun = Run & { documents: number; peakRssMb: number };

/**
 * Step 6 for a whole city: every kelurahan's BNBA (PDF and XLSX) and BAST of a signed SK of
 * `persons` recipients, as the activity makes them (read from PostgreSQL page by page,
 * inputs hashed, rendered, hashed and stored on disk, registered), next to pdfkit alone
 * writing the same BNBA and BAST pages from memory. Then one BNBA of ten times the rows, to
 * show the generating process's memory stays flat as the list grows.
 */
export async function benchDocuments(persons: number, plan: RunPlan): Promise<void> {
  await freshSchema();
  const allocations = await withClient(BENCH_DATABASE_URL, (db) => fillSignedSk(db, persons));
  const perKelurahan = Math.round(persons / KELURAHAN);
  let round = 0;
  const rounds = await measuredRounds(plan, `documents of ${persons}`, () => {
    round += 1;
    // A programme id of its own each round: a new registry slot, so nothing is found done.
    const product = child(['product', BENCH_DATABASE_URL, `bench-r${round}`, ...allocations]);
    const bare = child(['bare', `${KELURAHAN}x${perKelurahan}`]);
    return Promise.resolve({ product, bare });
  });
  const product = summariseRuns(rounds.map((r) => r.product));
  const bare = summariseRuns(rounds.map((r) => r.bare));
  const rss = (runs: ChildRun[]) =>
    formatSpread(spread(runs.map((r) => r.peakRssMb)), (mb) => mb.toFixed(0), 'MB');
  const small = Math.max(1000, Math.round(persons / 18));
  const growth = [small, small * 10].map((size) => ({ size, run: child(['one', String(size)]) }));
  process.stdout.write(
    [
      `step 6 papers of ${persons.toLocaleString('en')} persons in ${KELURAHAN} kelurahan (${describePlan(plan)}; median [min–max])`,
      `  salur: ${rounds[0].product.documents} documents (BNBA PDF + XLSX, BAST), read from PostgreSQL, hashed, stored, registered`,
      `    ${formatSummary(product)}  peak RSS ${rss(rounds.map((r) => r.product))}`,
      `  baseline: pdfkit alone, the same BNBA and BAST pages from memory (${rounds[0].bare.documents} PDFs, no XLSX, no database)`,
      `    ${formatSummary(bare)}  peak RSS ${rss(rounds.map((r) => r.bare))}`,
      `  salur time / baseline time, of the medians: ${(product.ms.median / bare.ms.median).toFixed(2)}x`,
      `  one BNBA (PDF and XLSX) as the list grows tenfold, peak RSS of the process:`,
      ...growth.map(
        ({ size, run }) =>
          `    ${size.toLocaleString('en')} persons: ${(run.ms / 1000).toFixed(2)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`,
      ),
      '',
    ].join('\n'),
  );
}

/** A part of the benchmark in a process of its own, so that its peak memory is its own. */
function child(args: string[]): ChildRun {
  const output = execFileSync(process.execPath, [join(__dirname, 'documents-child.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(output) as ChildRun;
}
