/**
 * What the staged rows do not carry themselves: the file line each record starts on, and
 * a record's wrong field count or number cells in text-only columns. Kept only where a record departs
 * from the plain case (one line per record, the header's field count), so it stays empty
 * for a well-formed file and memory stays flat.
 */
export class RecordNotes {
  // Line anchors: record `anchorOrd[i]` starts on `anchorLine[i]`; each record after it,
  // up to the next anchor, starts one line further.
  private readonly anchorOrd: number[] = [];
  private readonly anchorLine: number[] = [];
  private expectedLine = -1;
  private readonly problems = new Map<number, { fieldCount?: number; numeric?: string[] }>();

  /** Record `ord` (1-based, in file order) starts on file line `line`. */
  recordAt(ord: number, line: number): void {
    if (line !== this.expectedLine) {
      this.anchorOrd.push(ord);
      this.anchorLine.push(line);
    }
    this.expectedLine = line + 1;
  }

  fieldCount(ord: number, count: number): void {
    this.problems.set(ord, { ...this.problems.get(ord), fieldCount: count });
  }

  /** Record `ord` has number cells in these columns, which must hold text. */
  numeric(ord: number, columns: string[]): void {
    this.problems.set(ord, { ...this.problems.get(ord), numeric: columns });
  }

  /** True when some record is wrong whatever its values (field count, number cells). */
  get hasProblems(): boolean {
    return this.problems.size > 0;
  }

  /** The file line record `ord` starts on. */
  lineOf(ord: number): number {
    let low = 0;
    let high = this.anchorOrd.length - 1;
    if (high < 0) return ord + 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.anchorOrd[mid] <= ord) low = mid;
      else high = mid - 1;
    }
    return this.anchorLine[low] + (ord - this.anchorOrd[low]);
  }

  /** Columns for SQL: line anchors, and the per-record problems. */
  anchors(): { ord: number[]; line: number[] } {
    return { ord: this.anchorOrd, line: this.anchorLine };
  }

  recordProblems(): { ord: number[]; fieldCount: (number | null)[]; numeric: (string | null)[] } {
    const ord: number[] = [];
    const fieldCount: (number | null)[] = [];
    const numeric: (string | null)[] = [];
    for (const [record, note] of this.problems) {
      ord.push(record);
      fieldCount.push(note.fieldCount ?? null);
      numeric.push(note.numeric ? note.numeric.join(',') : null);
    }
    return { ord, fieldCount, numeric };
  }
}
