import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Client } from 'pg';
import { benchDatabaseUrl } from '../libs/config/bench-config';
import { generateProposals, TEMPLATE_COLUMNS, toCsvLine } from '../libs/synthetic/generator';
import { readRegionSeed } from '../libs/persistence/seed/regions';

export const BENCH_DATABASE_URL = benchDatabaseUrl();

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Writes `rows` synthetic proposals for one kecamatan in the template's CSV columns. */
export async function writeProposalCsv(
  file: string,
  kecamatanCode: string,
  rows: number,
  seed = 7,
): Promise<void> {
  const kelurahan = readRegionSeed()
    .filter((r) => r.parentCode === kecamatanCode)
    .map((r) => r.code);
  const out = createWriteStream(file);
  out.write(`${TEMPLATE_COLUMNS.join(',')}\n`);
  const plans = [{ kecamatanCode, kelurahanCodes: kelurahan, count: rows }];
  const shares = { invalid: 0, nonResident: 0, excluded: 0, duplicate: 0 };
  for (const person of generateProposals(plans, { seed, shares })) {
    if (!out.write(`${toCsvLine(person)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export function rate(rows: number, ms: number): string {
  return `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
