import fc from 'fast-check';
import { RecordNotes } from './record-notes';

/** File lines of records 1..n: each starts one or more lines after the one before. */
const recordLines = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, fc.integer({ min: 2, max: 5 })), {
    maxLength: 60,
  })
  .map((steps) => {
    let line = 1;
    return steps.map((step) => (line += step));
  });

function notesFor(lines: readonly number[]): RecordNotes {
  const notes = new RecordNotes();
  lines.forEach((line, i) => notes.recordAt(i + 1, line));
  return notes;
}

describe('RecordNotes', () => {
  it('tells the line each record starts on, across blank lines and multi-line records', () => {
    fc.assert(
      fc.property(recordLines, (lines) => {
        const notes = notesFor(lines);
        expect(lines.map((_, i) => notes.lineOf(i + 1))).toEqual(lines);
      }),
    );
  });

  it('keeps an anchor only where a record does not follow on the next line', () => {
    fc.assert(
      fc.property(recordLines, (lines) => {
        const { ord, line } = notesFor(lines).anchors();
        const departures = lines.flatMap((at, i) =>
          at === (lines[i - 1] ?? -1) + 1 ? [] : [i + 1],
        );
        expect(ord).toEqual(departures);
        // The import's SQL reads a record's line as the last anchor's line plus the distance.
        lines.forEach((at, i) => {
          const anchor = ord.filter((o) => o <= i + 1).length - 1;
          expect(line[anchor] + (i + 1 - ord[anchor])).toBe(at);
        });
      }),
    );
    expect(notesFor([2, 3, 4, 5]).anchors()).toEqual({ ord: [1], line: [2] });
  });

  it('counts lines from the header when no record was noted', () => {
    expect(new RecordNotes().lineOf(1)).toBe(2);
    expect(new RecordNotes().lineOf(40)).toBe(41);
  });

  it('keeps a record’s wrong field count and number cells together, and nothing for good records', () => {
    const notes = new RecordNotes();
    expect(notes.hasProblems).toBe(false);
    expect(notes.recordProblems()).toEqual({ ord: [], fieldCount: [], numeric: [] });
    notes.fieldCount(3, 5);
    notes.numeric(3, ['nik']);
    notes.numeric(7, ['nik', 'no_hp']);
    notes.numeric(9, ['no_kk']);
    notes.fieldCount(9, 1);
    expect(notes.hasProblems).toBe(true);
    expect(notes.recordProblems()).toEqual({
      ord: [3, 7, 9],
      fieldCount: [5, null, 1],
      numeric: ['nik', 'nik,no_hp', 'no_kk'],
    });
  });
});
