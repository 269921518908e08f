import type { RowProblem } from './errors';

/** One column of an import file, as documented in docs/import.md. */
export interface ColumnSpec {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  /**
   * Digits that a number cell would alter (15 significant digits, no leading 0): an
   * XLSX number cell here is refused, whatever its value.
   */
  readonly textOnly?: boolean;
}

/** Sidaksos-style proposal columns (usulan penerima), in the template's order. */
export const PROPOSAL_COLUMNS = [
  { name: 'nik', required: true, description: 'NIK, 16 digits', textOnly: true },
  {
    name: 'no_kk',
    required: true,
    description: 'No. KK (family card), 16 digits',
    textOnly: true,
  },
  { name: 'nama', required: true, description: 'full name, up to 200 characters' },
  { name: 'alamat', required: true, description: 'street address, up to 300 characters' },
  { name: 'rt', required: true, description: 'RT, 1-3 digits' },
  { name: 'rw', required: true, description: 'RW, 1-3 digits' },
  {
    name: 'kode_kelurahan',
    required: true,
    description: 'kelurahan code PP.KK.CC.DDDD of the target kecamatan',
  },
  {
    name: 'no_hp',
    required: false,
    description: 'phone, 8-15 digits, optional leading +',
    textOnly: true,
  },
  {
    name: 'dampak_covid',
    required: true,
    description:
      'how Covid-19 affected the household: allowed values (docs/verval.md) separated by commas, up to 300 characters',
  },
] as const satisfies readonly ColumnSpec[];

/** Exclusion register columns (daftar pengecualian). */
export const EXCLUSION_COLUMNS = [
  { name: 'nik', required: true, description: 'NIK, 16 digits', textOnly: true },
  { name: 'nama', required: false, description: 'name, up to 200 characters; not stored' },
] as const satisfies readonly ColumnSpec[];

export type ProposalColumn = (typeof PROPOSAL_COLUMNS)[number]['name'];
export type ExclusionColumn = (typeof EXCLUSION_COLUMNS)[number]['name'];

/**
 * Where each expected column sits in the file: `order[i]` is the file's field index of
 * `columns[i]`; or, for a header that is not right, what is wrong with it. Columns may come
 * in any order; names are matched without case, spaces around them or a byte-order mark.
 */
export type HeaderMatch =
  | { readonly order: readonly number[]; readonly problems?: undefined }
  | { readonly order?: undefined; readonly problems: readonly RowProblem[] };

/**
 * A header cell as a column name: without case, surrounding spaces or a byte-order mark
 * (trim() removes U+FEFF too).
 */
export function headerName(cell: string): string {
  return cell.trim().toLowerCase();
}

/**
 * Unknown header cells are named by position, never by their text: in a file without a
 * header row, row 1 is a person's NIK, name and address.
 */
export function matchHeader(
  columns: readonly ColumnSpec[],
  header: readonly string[],
): HeaderMatch {
  const names = header.map(headerName);
  if (!names.some((name) => columns.some((c) => c.name === name))) {
    return {
      problems: [
        {
          line: 1,
          column: '(header)',
          reason: `names none of the columns: row 1 must be the header (${columns.map((c) => c.name).join(', ')})`,
        },
      ],
    };
  }
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === '') {
      problems.push({ line: 1, column: `#${index + 1}`, reason: 'has no name in the header' });
    } else if (!columns.some((c) => c.name === name)) {
      problems.push({
        line: 1,
        column: `#${index + 1}`,
        reason: `is not a known column (known: ${columns.map((c) => c.name).join(', ')})`,
      });
    } else if (seen.has(name)) {
      problems.push({ line: 1, column: name, reason: 'appears more than once in the header' });
    } else {
      seen.set(name, index);
    }
  });
  const order: number[] = [];
  for (const column of columns) {
    const index = seen.get(column.name);
    if (index === undefined) {
      problems.push({ line: 1, column: column.name, reason: 'is missing from the header' });
    } else {
      order.push(index);
    }
  }
  return problems.length > 0 ? { problems } : { order };
}
