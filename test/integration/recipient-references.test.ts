import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../support/services';

const KEC = '33.74.14';
const KEL = '33.74.14.1001';

/**
 * A proposed recipient's batch and kelurahan are checked once per statement (migration
 * 1764430000000) instead of by foreign keys; these hold it to what the keys guaranteed.
 * Each test works in a transaction it rolls back.
 */
describe('proposed recipient references', () => {
  let db: Client;

  beforeEach(async () => {
    db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    await db.query('BEGIN');
  });
  afterEach(async () => {
    await db.query('ROLLBACK');
    await db.end();
  });

  async function newBatch(): Promise<string> {
    const id = randomUUID();
    await db.query(
      `INSERT INTO proposal_batch (id, program_id, kecamatan_code, workflow_id)
       VALUES ($1, 'refs', $2, 'allocation-refs-${KEC}')`,
      [id, KEC],
    );
    return id;
  }

  /** The error a statement raised, within a savepoint so the test goes on. */
  async function refusal(sql: string, params: unknown[]): Promise<Record<string, unknown>> {
    await db.query('SAVEPOINT attempt');
    const error = await db.query(sql, params).then(
      () => undefined,
      (e: unknown) => e,
    );
    await db.query('ROLLBACK TO SAVEPOINT attempt');
    expect(error).toBeDefined();
    return error as Record<string, unknown>;
  }

  const insert = `INSERT INTO proposed_recipient (batch_id, nik, kelurahan_code)
                  SELECT $1, nik, $2 FROM unnest($3::text[]) AS nik`;

  it('takes many recipients at once and refuses an unknown batch or kelurahan like a foreign key', async () => {
    const batch = await newBatch();
    const added = await db.query(insert, [batch, KEL, ['3374140101800001', '3374140101800002']]);
    expect(added.rowCount).toBe(2);

    expect(await refusal(insert, [batch, '33.74.14.9999', ['3374140101800003']])).toMatchObject({
      code: '23503',
      constraint: 'proposed_recipient_kelurahan_code_fkey',
    });
    expect(await refusal(insert, [randomUUID(), KEL, ['3374140101800003']])).toMatchObject({
      code: '23503',
      constraint: 'proposed_recipient_batch_id_fkey',
    });
  });

  it('checks a changed kelurahan, and lets other changes through', async () => {
    const batch = await newBatch();
    const [{ id }] = (
      await db.query<{ id: string }>(`${insert} RETURNING id`, [batch, KEL, ['3374140101800004']])
    ).rows;
    expect(
      await refusal(`UPDATE proposed_recipient SET kelurahan_code = $2 WHERE id = $1`, [
        id,
        '33.74.14.9999',
      ]),
    ).toMatchObject({ code: '23503', constraint: 'proposed_recipient_kelurahan_code_fkey' });
    const moved = await db.query(
      `UPDATE proposed_recipient SET kelurahan_code = $2, status = 'accepted' WHERE id = $1`,
      [id, '33.74.14.1002'],
    );
    expect(moved.rowCount).toBe(1);
  });

  it('keeps a referenced batch and kelurahan from being deleted, rekeyed or truncated', async () => {
    const batch = await newBatch();
    // A kelurahan only this test's recipient references, so no other key can be the one refusing.
    const kelurahan = '33.74.14.8888';
    await db.query(
      `INSERT INTO region (code, name, level, parent_code) VALUES ($1, 'Uji', 'kelurahan_desa', $2)`,
      [kelurahan, KEC],
    );
    await db.query(insert, [batch, kelurahan, ['3374140101800005']]);
    const batchReferenced = { code: '23503', constraint: 'proposed_recipient_batch_id_fkey' };
    expect(await refusal(`DELETE FROM proposal_batch WHERE id = $1`, [batch])).toMatchObject(
      batchReferenced,
    );
    expect(
      await refusal(`UPDATE proposal_batch SET id = $2 WHERE id = $1`, [batch, randomUUID()]),
    ).toMatchObject(batchReferenced);
    expect(await refusal(`DELETE FROM region WHERE code = $1`, [kelurahan])).toMatchObject({
      code: '23503',
      constraint: 'proposed_recipient_kelurahan_code_fkey',
    });
    expect(await refusal(`TRUNCATE proposal_batch`, [])).toMatchObject({ code: '0A000' });

    // Without its recipients, the batch can go.
    await db.query(`DELETE FROM proposed_recipient WHERE batch_id = $1`, [batch]);
    expect((await db.query(`DELETE FROM proposal_batch WHERE id = $1`, [batch])).rowCount).toBe(1);
  });
});
