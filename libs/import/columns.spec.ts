import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeNames, docTable } from '@salur/test/support/doc-tables';
import { repoRoot } from '../config/repo-root';
import {
  EXCLUSION_COLUMNS,
  headerName,
  matchHeader,
  PROPOSAL_COLUMNS,
  type ColumnSpec,
} from './columns';

describe('the import columns', () => {
  const cases: [string, readonly ColumnSpec[], string, string[]][] = [
    ['usulan-penerima', PROPOSAL_COLUMNS, '## Proposal columns', ['nik', 'no_kk', 'no_hp']],
    ['daftar-pengecualian', EXCLUSION_COLUMNS, '## Exclusion register columns', ['nik']],
  ];

  it.each(cases)(
    '%s: are the template’s header and the table of docs/import.md, required as it says',
    (template, columns, heading) => {
      const header = readFileSync(join(repoRoot(), `docs/templates/${template}.csv`), 'utf8')
        .split(/\r?\n/)[0]
        .split(',');
      const names = columns.map((c) => c.name);
      expect(header.map(headerName)).toEqual(names);
      const documented = docTable('import.md', heading);
      expect(documented.map(([name]) => codeNames(name)[0])).toEqual(names);
      expect(documented.map((row) => row[row.length - 1])).toEqual(
        columns.map((c) => (c.required ? 'yes' : 'no')),
      );
    },
  );

  it.each(cases)(
    '%s: refuses a number cell in exactly the columns whose digits Excel would alter',
    (_template, columns, _heading, textOnly) => {
      expect(columns.filter((c) => c.textOnly).map((c) => c.name)).toEqual(textOnly);
    },
  );
});

describe('matchHeader', () => {
  const names = PROPOSAL_COLUMNS.map((c) => c.name);

  it('accepts the columns in any order, any case, with a BOM and spaces', () => {
    const header = [
      '\uFEFFNama',
      ...names.filter((n) => n !== 'nama').map((n) => ` ${n.toUpperCase()} `),
    ];
    // The file's field index of each column, in the columns' order.
    expect(matchHeader(PROPOSAL_COLUMNS, header)).toEqual({ order: [1, 2, 0, 3, 4, 5, 6, 7, 8] });
  });

  it('names every missing, unknown, duplicated and blank column on line 1', () => {
    const match = matchHeader(EXCLUSION_COLUMNS, ['nik', 'nik', 'alamat', '']);
    expect(match.problems).toEqual([
      { line: 1, column: 'nik', reason: 'appears more than once in the header' },
      { line: 1, column: '#3', reason: 'is not a known column (known: nik, nama)' },
      { line: 1, column: '#4', reason: 'has no name in the header' },
      { line: 1, column: 'nama', reason: 'is missing from the header' },
    ]);
  });

  it('names the columns it expects, never a header cell: row 1 of a file without a header is a person', () => {
    const person = ['3374011006830236', 'Siti Aminah', 'Jl. Mawar 3'];
    const match = matchHeader(PROPOSAL_COLUMNS, person);
    expect(match.problems).toEqual([
      {
        line: 1,
        column: '(header)',
        reason:
          'names none of the columns: row 1 must be the header (nik, no_kk, nama, alamat, rt, rw, kode_kelurahan, no_hp, dampak_covid)',
      },
    ]);
    const withOneKnown = matchHeader(EXCLUSION_COLUMNS, ['nik', 'Siti Aminah']);
    for (const value of person) {
      expect(JSON.stringify([match, withOneKnown])).not.toContain(value);
    }
  });
});
