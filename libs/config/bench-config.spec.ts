import { benchDatabaseUrl, benchOptions } from './bench-config';
import { ConfigError } from './app-config';

describe('benchDatabaseUrl', () => {
  it('is salur_bench on the local server by default', () => {
    expect(benchDatabaseUrl({})).toBe('postgres://postgres@127.0.0.1:5432/salur_bench');
  });

  it('follows DATABASE_URL to its server, user and options', () => {
    expect(
      benchDatabaseUrl({
        DATABASE_URL: 'postgres://app:s3cret@db.internal:6543/salur?sslmode=require',
      }),
    ).toBe('postgres://app:s3cret@db.internal:6543/salur_bench?sslmode=require');
  });

  it('takes BENCH_DATABASE_URL as it is', () => {
    expect(
      benchDatabaseUrl({
        BENCH_DATABASE_URL: 'postgres://b@10.0.0.2/bench',
        DATABASE_URL: 'postgres://a@10.0.0.1/salur',
      }),
    ).toBe('postgres://b@10.0.0.2/bench');
  });

  it('names DATABASE_URL when it cannot be read', () => {
    expect(() => benchDatabaseUrl({ DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => benchDatabaseUrl({ DATABASE_URL: 'not a url' })).toThrow('DATABASE_URL');
  });
});

describe('benchOptions', () => {
  it('is full size, one warm-up and five measured runs by default', () => {
    expect(benchOptions([])).toEqual({
      small: false,
      warmups: 1,
      runs: 5,
      only: ['import', 'verval', 'documents'],
    });
  });

  it('takes --small, --runs and --warmups', () => {
    expect(benchOptions(['--small', '--runs', '3', '--warmups=0'])).toEqual({
      small: true,
      warmups: 0,
      runs: 3,
      only: ['import', 'verval', 'documents'],
    });
  });

  it('runs only the benchmarks --only names, and names a wrong one', () => {
    expect(benchOptions(['--only', 'documents']).only).toEqual(['documents']);
    expect(benchOptions(['--only', 'import', '--only', 'verval']).only).toEqual([
      'import',
      'verval',
    ]);
    expect(() => benchOptions(['--only', 'pdf'])).toThrow(
      '--only must name import, verval, documents, not "pdf"',
    );
  });

  it('names the flag that is not a count of runs', () => {
    expect(() => benchOptions(['--runs', '0'])).toThrow('--runs must be a whole number from 1');
    expect(() => benchOptions(['--warmups', 'two'])).toThrow('--warmups must be a whole number');
    expect(() => benchOptions(['--runs', '2.5'])).toThrow(ConfigError);
  });

  it('refuses a flag it does not know, with the usage', () => {
    expect(() => benchOptions(['--fast'])).toThrow('usage: npm run bench');
  });
});
