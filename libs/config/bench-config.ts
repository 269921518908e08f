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
