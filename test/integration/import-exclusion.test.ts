import { randomUUID } from 'node:crypto';
import { DomainError } from '@salur/libs/domain/errors';
import { ID_NUMBER_REASONS } from '@salur/libs/domain/id-number-text';
import {
  FileRejected,
  importExclusionRegister,
  parseExclusionVersion,
  type ImportFile,
} from '@salur/libs/import';
import { useRegisterImportLease } from '../support/exclusion-registers';
import { listedNik } from '../support/factories';
import { fileOf, sha256, toCsv, toXlsx, useImportPool } from '../support/import-files';

// NIKs from a kecamatan no other test proposes, so these registers exclude nobody else's persons.
const KEC = '33.74.15';

/** Loading dated versions of an exclusion register: the new one becomes current, old ones stay. */
describe('exclusion register import', () => {
  // These tests check which version is current: no other register file is loaded meanwhile.
  useRegisterImportLease();
  const db = useImportPool(4);

  const load = (register: string, file: ImportFile, label = `v-${randomUUID().slice(0, 8)}`) =>
    importExclusionRegister(db.connect, {
      version: parseExclusionVersion(register, {
        versionLabel: label,
        validOn: '2021-07-01',
        source: 'Kemensos, data terpadu',
      }),
      file,
    });

  const niks = (count: number) => Array.from({ length: count }, () => listedNik(KEC));
  const registerCsv = (list: string[]) =>
    toCsv([['nik', 'nama'], ...list.map((nik, i) => [nik, `Nama ${i}`])]);

  async function versions(register: string) {
    const result = await db.pool.query<{
      id: string;
      is_current: boolean;
      row_count: number;
      entries: number;
    }>(
      `SELECT v.id, v.is_current, v.row_count, (SELECT count(*)::int FROM exclusion_entry e WHERE e.version_id = v.id) AS entries
         FROM exclusion_register_version v WHERE v.register = $1 ORDER BY v.loaded_at, v.id`,
      [register],
    );
    return result.rows;
  }

  it('loads a CSV version and then an XLSX version, which becomes current; the first is kept', async () => {
    const before = (await versions('PERMAKANAN')).map((v) => v.id);
    const first = niks(40);
    const csv = registerCsv([...first, first[0]]);
    const one = await load('PERMAKANAN', fileOf(csv, 'csv'), 'Juni 2021');
    expect(one).toMatchObject({
      alreadyImported: false,
      register: 'PERMAKANAN',
      versionLabel: 'Juni 2021',
      rowCount: 41,
      entryCount: 40,
      sha256: sha256(csv),
    });

    const second = niks(15);
    const xlsx = await toXlsx([['NIK', 'Nama'], ...second.map((nik) => [nik, 'x'])]);
    const two = await load('PERMAKANAN', fileOf(xlsx, 'xlsx'), 'Juli 2021');
    expect(two).toMatchObject({
      entryCount: 15,
      previousVersionId: one.versionId,
      sha256: sha256(xlsx),
    });

    const now = (await versions('PERMAKANAN')).filter((v) => !before.includes(v.id));
    expect(now).toEqual([
      { id: one.versionId, is_current: false, row_count: 40, entries: 40 },
      { id: two.versionId, is_current: true, row_count: 15, entries: 15 },
    ]);
    const [stored] = (
      await db.pool.query(
        `SELECT version_label, to_char(valid_on, 'YYYY-MM-DD') AS valid_on, source, file_sha256
           FROM exclusion_register_version WHERE id = $1`,
        [two.versionId],
      )
    ).rows;
    expect(stored).toEqual({
      version_label: 'Juli 2021',
      valid_on: '2021-07-01',
      source: 'Kemensos, data terpadu',
      file_sha256: sha256(xlsx),
    });
  });

  it('changes nothing when the same file is loaded again, even after a newer version', async () => {
    const fileA = registerCsv(niks(5));
    const a = await load('ISOMAN', fileOf(fileA, 'csv'));
    const b = await load('ISOMAN', fileOf(registerCsv(niks(3)), 'csv'));
    const snapshot = await versions('ISOMAN');
    const again = await load('ISOMAN', fileOf(fileA, 'csv'));
    expect(again).toMatchObject({ alreadyImported: true, versionId: a.versionId, entryCount: 5 });
    expect(await versions('ISOMAN')).toEqual(snapshot);
    expect(snapshot.find((v) => v.is_current)?.id).toBe(b.versionId);
  });

  it('lists bad rows and leaves the current version as it was', async () => {
    const good = await load('ISOMAN', fileOf(registerCsv(niks(2)), 'csv'));
    const snapshot = await versions('ISOMAN');
    const list = niks(4);
    const bad = toCsv([
      ['nik', 'nama'],
      [list[0], 'a'],
      ['', 'b'],
      [`${list[1]}9`, 'c'],
      [list[2], 'x'.repeat(201)],
    ]);
    const error = await load('ISOMAN', fileOf(bad, 'csv')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileRejected);
    expect((error as FileRejected).rows).toEqual([
      { line: 3, column: 'nik', reason: 'is required' },
      { line: 4, column: 'nik', reason: 'must be 16 digits' },
      { line: 5, column: 'nama', reason: 'must be at most 200 characters' },
    ]);
    expect(await versions('ISOMAN')).toEqual(snapshot);
    expect(snapshot.find((v) => v.is_current)?.id).toBe(good.versionId);
  });

  it('reads a NIK as every import does: the apostrophe mark dropped, numbers refused', async () => {
    const [marked, plain] = niks(2);
    const loaded = await load(
      'ISOMAN',
      fileOf(
        toCsv([
          ['nik', 'nama'],
          [`'${marked}`, 'a'],
          [marked, 'b'],
          [plain, 'c'],
        ]),
        'csv',
      ),
    );
    // The marked and the plain NIK are one person, listed once.
    expect(loaded).toMatchObject({ rowCount: 3, entryCount: 2 });
    const entries = await db.pool.query<{ nik: string }>(
      `SELECT nik FROM exclusion_entry WHERE version_id = $1 ORDER BY nik`,
      [loaded.versionId],
    );
    expect(entries.rows.map((r) => r.nik)).toEqual([marked, plain].sort());

    const snapshot = await versions('ISOMAN');
    const xlsx = await toXlsx([
      ['nik', 'nama'],
      [Number(niks(1)[0]), 'a'],
      ['3.37415E+15', 'b'],
    ]);
    const error = await load('ISOMAN', fileOf(xlsx, 'xlsx')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileRejected);
    expect((error as FileRejected).rows).toEqual([
      { line: 2, column: 'nik', reason: ID_NUMBER_REASONS.numberCell },
      { line: 3, column: 'nik', reason: ID_NUMBER_REASONS.writtenAsNumber },
    ]);
    expect(await versions('ISOMAN')).toEqual(snapshot);
  });

  it('refuses a file already loaded as another register', async () => {
    const csv = registerCsv(niks(2));
    await load('PERMAKANAN', fileOf(csv, 'csv'), 'shared-file');
    const error = await load('ISOMAN', fileOf(csv, 'csv')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((error as Error).message).toMatch(/PERMAKANAN version "shared-file"/);
  });

  it('keeps exactly one current version when two loads of a register race', async () => {
    const results = await Promise.all([
      load('ISOMAN', fileOf(registerCsv(niks(3)), 'csv')),
      load('ISOMAN', fileOf(registerCsv(niks(3)), 'csv')),
    ]);
    const current = (await versions('ISOMAN')).filter((v) => v.is_current);
    expect(current).toHaveLength(1);
    expect(results.map((r) => r.versionId)).toContain(current[0].id);
  });
});
