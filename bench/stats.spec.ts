import { formatSummary, rowsPerSecond, spread, summariseRuns } from './stats';

describe('spread', () => {
  it('takes the middle value of an odd number of runs, whatever their order', () => {
    expect(spread([3, 1, 2, 9, 5])).toEqual({ min: 1, median: 3, max: 9 });
  });

  it('takes the mean of the two middle values of an even number of runs', () => {
    expect(spread([4, 1, 10, 2])).toEqual({ min: 1, median: 3, max: 10 });
  });

  it('is the value itself for one run', () => {
    expect(spread([7])).toEqual({ min: 7, median: 7, max: 7 });
  });

  it('refuses no runs at all', () => {
    expect(() => spread([])).toThrow(RangeError);
  });
});

describe('rowsPerSecond', () => {
  it('divides the rows processed by the seconds taken', () => {
    expect(rowsPerSecond({ rows: 90_000, ms: 1_500 })).toBe(60_000);
  });

  it('refuses a run that took no time', () => {
    expect(() => rowsPerSecond({ rows: 10, ms: 0 })).toThrow(RangeError);
  });
});

describe('summariseRuns', () => {
  it('rates each run by its own rows and time, not by the size asked for', () => {
    // Asked for 1,000 rows each time; the second run processed only 500 of them.
    const summary = summariseRuns([
      { rows: 1_000, ms: 1_000 },
      { rows: 500, ms: 1_000 },
      { rows: 1_000, ms: 2_000 },
    ]);
    expect(summary.runs).toBe(3);
    expect(summary.rowsPerSecond).toEqual({ min: 500, median: 500, max: 1_000 });
    expect(summary.rows).toEqual({ min: 500, median: 1_000, max: 1_000 });
    expect(summary.ms).toEqual({ min: 1_000, median: 1_000, max: 2_000 });
  });

  it('prints the medians with the spread of the runs', () => {
    const summary = summariseRuns([
      { rows: 100_000, ms: 1_610 },
      { rows: 100_000, ms: 1_500 },
      { rows: 100_000, ms: 2_000 },
    ]);
    expect(formatSummary(summary)).toBe(
      '100,000 rows  1.61 s [1.50–2.00]  62,112 rows/s [50,000–66,667]',
    );
  });
});
