import { parseArgs } from 'node:util';
import { ConfigError } from './app-config';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/salur';

/**
 * The benchmark's database (`npm run bench` drops and fills it): BENCH_DATABASE_URL, or else
 * the database `salur_bench` on DATABASE_URL's server, so a run pointed at another server
 * benchmarks there too.
 */
export function benchDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const explicit = env.BENCH_DATABASE_URL?.trim();
  if (explicit) return explicit;
  const base = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ConfigError([
      'DATABASE_URL must look like postgres://user[:password]@host:port/database (BENCH_DATABASE_URL is derived from it)',
    ]);
  }
  url.pathname = '/salur_bench';
  return url.toString();
}

/** How `npm run bench` runs: its size and how many runs it measures. */
export interface BenchOptions {
  /** A tenth of the full size, for a quick look. */
  readonly small: boolean;
  /** Runs made first and not counted, so that caches and the planner's statistics settle. */
  readonly warmups: number;
  /** Runs measured: their median is reported with the min and max. */
  readonly runs: number;
  /** The benchmarks run, all unless --only names some. */
  readonly only: readonly BenchName[];
}

export const BENCH_NAMES = ['import', 'verval', 'documents'] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export const BENCH_USAGE =
  'npm run bench [-- [--small] [--runs N] [--warmups N] [--only import|verval|documents ...]]';

/** The benchmark's command-line flags, validated: a bad one stops it naming the flag. */
export function benchOptions(args: readonly string[]): BenchOptions {
  let values: { small?: boolean; runs?: string; warmups?: string; only?: string[] };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        small: { type: 'boolean' },
        runs: { type: 'string' },
        warmups: { type: 'string' },
        only: { type: 'string', multiple: true },
      },
    }));
  } catch (error) {
    throw new ConfigError([
      `${error instanceof Error ? error.message : String(error)} (usage: ${BENCH_USAGE})`,
    ]);
  }
  const problems: string[] = [];
  const count = (flag: 'runs' | 'warmups', fallback: number, least: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < least) {
      problems.push(`--${flag} must be a whole number from ${least}, not "${raw}"`);
    }
    return value;
  };
  const only = values.only ?? [...BENCH_NAMES];
  for (const name of only) {
    if (!(BENCH_NAMES as readonly string[]).includes(name)) {
      problems.push(`--only must name ${BENCH_NAMES.join(', ')}, not "${name}"`);
    }
  }
  const options = {
    small: values.small === true,
    warmups: count('warmups', 1, 0),
    runs: count('runs', 5, 1),
    only: only as BenchName[],
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return options;
}
