/** The measured values of several runs: the median is what is compared, min–max the spread. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** One measured run: how long it took and how many rows it actually processed. */
export interface Run {
  readonly ms: number;
  readonly rows: number;
}

/** Several runs of one contender: time, rows and rate (rows/s), each as a spread. */
export interface RunSummary {
  readonly runs: number;
  readonly ms: Spread;
  readonly rows: Spread;
  readonly rowsPerSecond: Spread;
}

// A few lines instead of a statistics package: the project has none, and min, median and
// max are all a benchmark summary needs.
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('a spread needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** Rows per second of one run, from the rows it processed (not the size it was asked for). */
export function rowsPerSecond(run: Run): number {
  if (!(run.ms > 0)) throw new RangeError(`a run must take some time, not ${run.ms} ms`);
  return run.rows / (run.ms / 1000);
}

/** Each run's rate is its own rows over its own time; the spreads are taken per measure. */
export function summariseRuns(runs: readonly Run[]): RunSummary {
  return {
    runs: runs.length,
    ms: spread(runs.map((r) => r.ms)),
    rows: spread(runs.map((r) => r.rows)),
    rowsPerSecond: spread(runs.map(rowsPerSecond)),
  };
}

const whole = (n: number): string => Math.round(n).toLocaleString('en');
const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** `median unit [min–max]` of a spread (only the median when every run gave the same). */
export function formatSpread(s: Spread, format: (n: number) => string, unit: string): string {
  const median = `${format(s.median)} ${unit}`;
  return s.min === s.max ? median : `${median} [${format(s.min)}–${format(s.max)}]`;
}

/** `1,000,000 rows  11.58 s [10.60–13.50]  86,369 rows/s [74,074–94,340]`: medians, then spreads. */
export function formatSummary(summary: RunSummary): string {
  return [
    formatSpread(summary.rows, whole, 'rows'),
    formatSpread(summary.ms, seconds, 's'),
    formatSpread(summary.rowsPerSecond, whole, 'rows/s'),
  ].join('  ');
}
