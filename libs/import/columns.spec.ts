import { EXCLUSION_COLUMNS, matchHeader, PROPOSAL_COLUMNS } from './columns';

describe('matchHeader', () => {
  const names = PROPOSAL_COLUMNS.map((c) => c.name);

  it('accepts the columns in any order, any case, with a BOM and spaces', () => {
    const header = [
      '\uFEFFNama',
      ...names.filter((n) => n !== 'nama').map((n) => ` ${n.toUpperCase()} `),
    ];
    const match = matchHeader(PROPOSAL_COLUMNS, header);
    expect(match.problems).toEqual([]);
    expect(match.order[names.indexOf('nama')]).toBe(0);
    expect(match.order[names.indexOf('nik')]).toBe(1);
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

  it('never echoes a header cell: row 1 of a file without a header is a person', () => {
    const person = ['3374011006830236', 'Siti Aminah', 'Jl. Mawar 3'];
    const match = matchHeader(PROPOSAL_COLUMNS, person);
    expect(match.problems).toEqual([
      {
        line: 1,
        column: '(header)',
        reason: expect.stringMatching(/^names none of the columns: row 1 must be the header/),
      },
    ]);
    const withOneKnown = matchHeader(EXCLUSION_COLUMNS, ['nik', 'Siti Aminah']);
    for (const value of person) {
      expect(JSON.stringify([match, withOneKnown])).not.toContain(value);
    }
  });
});
