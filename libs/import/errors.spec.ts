import { FileRejected, type RowProblem } from './errors';

describe('FileRejected', () => {
  const rows: RowProblem[] = [
    { line: 3, column: 'nik', reason: 'must be 16 digits' },
    { line: 3, column: 'nama', reason: 'is required' },
    { line: 5, column: 'rt', reason: 'must be 1-3 digits' },
  ];

  it('answers as docs/import.md says: the rows, the totals and a file-level field', () => {
    const error = new FileRejected(rows);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', name: 'FileRejected' });
    expect(error.details).toEqual({
      fields: [{ field: 'file', reason: '2 row(s) have 3 problem(s); nothing was imported' }],
      rows,
      problemCount: 3,
      badRowCount: 2,
      listedCount: 3,
    });
    expect(error.message).toBe(
      'The file was not imported: 2 row(s) have problems (first: line 3, column nik: must be 16 digits)',
    );
  });

  it('gives the totals of the whole file when it lists only the first problems', () => {
    const error = new FileRejected(rows.slice(0, 1), { problems: 1200, badRows: 950 }, [
      { field: 'letterNo', reason: 'is required, 1-100 characters' },
    ]);
    expect(error.details).toMatchObject({
      fields: [
        { field: 'letterNo', reason: 'is required, 1-100 characters' },
        { field: 'file', reason: '950 row(s) have 1200 problem(s); nothing was imported' },
      ],
      problemCount: 1200,
      badRowCount: 950,
      listedCount: 1,
    });
  });

  it('names no first problem when none is listed', () => {
    expect(new FileRejected([], { problems: 0, badRows: 0 }).message).toBe(
      'The file was not imported: 0 row(s) have problems',
    );
  });
});
