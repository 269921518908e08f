import { FileRejected, importProposals, parseAllocationTarget } from '@salur/libs/import';
import {
  fileOf,
  MIJEN,
  MIJEN_KELURAHAN,
  mijenLetter,
  PROPOSAL_HEADER,
  proposalRows,
  toCsv,
  useImportPool,
} from '../support/import-files';
import { testProgramId } from '../support/test-app';

const KEC = MIJEN;
const KEL = MIJEN_KELURAHAN;
const LETTER = mijenLetter('470/10/2021');
const column = (name: string) => PROPOSAL_HEADER.indexOf(name);

/**
 * A well-formed file is checked by one quick pass; these make sure that pass misses no
 * single problem, and lets through values that are fine however they look.
 */
describe('proposal checks, one problem at a time', () => {
  const db = useImportPool(2);

  /** Three valid rows, the second (file line 3) changed as given. */
  const importWith = (changes: Record<string, string>) => {
    const rows = proposalRows(KEC, KEL, 3);
    for (const [name, value] of Object.entries(changes)) rows[1][column(name)] = value;
    return importProposals(db.connect, {
      target: parseAllocationTarget(`allocation-${testProgramId()}-${KEC}`),
      letter: LETTER,
      file: fileOf(toCsv([PROPOSAL_HEADER, ...rows]), 'csv'),
    });
  };

  it.each([
    ['nik', '337414410180000', 'must be 16 digits'],
    ['nik', '33741441018000a1', 'must be 16 digits'],
    ['no_kk', '', 'is required'],
    ['nama', 'é'.repeat(201), 'must be at most 200 characters'],
    ['alamat', '', 'is required'],
    ['rt', '1234', 'must be 1-3 digits'],
    ['rw', 'a', 'must be 1-3 digits'],
    ['kode_kelurahan', '33.74.14.9999', 'is not a known kelurahan code'],
    ['kode_kelurahan', '33.74.14', 'is not a known kelurahan code'],
    ['kode_kelurahan', '33.74.01.1001', 'belongs to kecamatan 33.74.01, not 33.74.14'],
    ['no_hp', '+1234567', 'must be 8-15 digits, optionally starting with +'],
    ['no_hp', '++12345678', 'must be 8-15 digits, optionally starting with +'],
    ['no_hp', '1234567890123456', 'must be 8-15 digits, optionally starting with +'],
    ['dampak_covid', 'x'.repeat(301), 'must be at most 300 characters'],
  ])('refuses %s "%s": %s', async (name, value, reason) => {
    const error = await importWith({ [name]: value }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileRejected);
    expect((error as FileRejected).rows).toEqual([{ line: 3, column: name, reason }]);
  });

  it('takes values at the limits, however long their bytes', async () => {
    const result = await importWith({
      nama: 'é'.repeat(200),
      alamat: 'ü'.repeat(300),
      rt: '007',
      no_hp: '+123456789012345',
    });
    const stored = await db.pool.query(
      `SELECT name, address, rt_rw, phone FROM proposed_recipient WHERE batch_id = $1 ORDER BY seq`,
      [result.batchId],
    );
    expect(stored.rows[1]).toEqual({
      name: 'é'.repeat(200),
      address: 'ü'.repeat(300),
      rt_rw: '007/002',
      phone: '+123456789012345',
    });
  });
});
