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
      { line: 1, column: 'alamat', reason: 'is not a known column' },
      { line: 1, column: '#4', reason: 'has no name in the header' },
      { line: 1, column: 'nama', reason: 'is missing from the header' },
    ]);
  });
});
