import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../support/services';

const KEC = '33.74.15';
const KEL = '33.74.15.1001';
const RUN_KEY = { code: '23503', constraint: 'verval_result_verval_run_id_fkey' };
const RECIPIENT_KEY = { code: '23503', constraint: 'verval_result_recipient_id_fkey' };
const APPEND_ONLY = { code: 'AU001' };

/**
 * A verval result's run and person are checked once per statement (migration 1764450000000)
 * instead of by foreign keys; these hold it to what the keys guaranteed, including against
 * a deletion racing an insert.
 */
describe('verval result references', () => {
  const clients: Client[] = [];

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    clients.push(client);
    return client;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end()));
  });

  /** A programme with one batch of `count` persons and one verval run, committed. */
  async function judgedSetting(db: Client, count: number) {
    const programId = `refs-${randomUUID()}`;
    const workflowId = `allocation-${programId}-${KEC}`;
    const batchId = randomUUID();
    await db.query(
      `INSERT INTO proposal_batch (id, program_id, kecamatan_code, workflow_id) VALUES ($1, $2, $3, $4)`,
      [batchId, programId, KEC, workflowId],
    );
    const recipients = await db.query<{ id: string; nik: string }>(
      `INSERT INTO proposed_recipient (batch_id, nik, kelurahan_code)
       SELECT $1, '33741501018' || lpad(g::text, 5, '0'), $2 FROM generate_series(1, $3::int) g
       RETURNING id, nik`,
      [batchId, KEL, count],
    );
    const run = await db.query<{ id: string }>(
      `INSERT INTO verval_run (workflow_id, round, ruleset_version, program_id, quota,
                               under_review, accepted, rejected, rejected_by_reason)
       VALUES ($1, 1, 'test', $2, $3, 0, 0, 0, '{}') RETURNING id`,
      [workflowId, programId, count],
    );
    return { programId, runId: run.rows[0].id, recipients: recipients.rows };
  }

  const record = `INSERT INTO verval_result (verval_run_id, recipient_id, nik, outcome)
                  SELECT $1, r.id, r.nik, 'accepted' FROM unnest($2::uuid[]) AS x(id)
                    JOIN proposed_recipient r ON r.id = x.id`;

  async function refusal(db: Client, sql: string, params: unknown[]) {
    await db.query('SAVEPOINT attempt');
    const error = await db.query(sql, params).then(
      () => undefined,
      (e: unknown) => e,
    );
    await db.query('ROLLBACK TO SAVEPOINT attempt');
    expect(error).toBeDefined();
    return error as Record<string, unknown>;
  }

  it('records many results at once and refuses an unknown run or person like a foreign key', async () => {
    const db = await connect();
    const { runId, recipients } = await judgedSetting(db, 3);
    await db.query('BEGIN');
    const added = await db.query(record, [runId, recipients.map((r) => r.id)]);
    expect(added.rowCount).toBe(3);

    expect(await refusal(db, record, [randomUUID(), [recipients[0].id]])).toMatchObject(RUN_KEY);
    expect(
      await refusal(
        db,
        `INSERT INTO verval_result (verval_run_id, recipient_id, nik, outcome)
         VALUES ($1, $2, '3374150101800001', 'rejected')`,
        [runId, randomUUID()],
      ),
    ).toMatchObject(RECIPIENT_KEY);
    await db.query('ROLLBACK');
  });

  it('keeps a judged person and its run: no deletion, new id, truncation or re-pointed result', async () => {
    const db = await connect();
    const { runId, recipients } = await judgedSetting(db, 2);
    const [judged, unjudged] = recipients;
    await db.query('BEGIN');
    await db.query(record, [runId, [judged.id]]);

    expect(
      await refusal(db, `DELETE FROM proposed_recipient WHERE id = $1`, [judged.id]),
    ).toMatchObject(RECIPIENT_KEY);
    expect(
      await refusal(db, `UPDATE proposed_recipient SET id = $2 WHERE id = $1`, [
        judged.id,
        randomUUID(),
      ]),
    ).toMatchObject(RECIPIENT_KEY);
    // Runs and results are append-only besides (docs/audit.md): refused before any key check.
    expect(await refusal(db, `DELETE FROM verval_run WHERE id = $1`, [runId])).toMatchObject(
      APPEND_ONLY,
    );
    expect(await refusal(db, `TRUNCATE proposed_recipient`, [])).toMatchObject({
      code: '0A000',
    });
    expect(await refusal(db, `TRUNCATE verval_run`, [])).toMatchObject({ code: '0A000' });
    expect(
      await refusal(db, `UPDATE verval_result SET recipient_id = $2 WHERE recipient_id = $1`, [
        judged.id,
        unjudged.id,
      ]),
    ).toMatchObject(APPEND_ONLY);

    // A person never judged can still go, as under the foreign key.
    const gone = await db.query(`DELETE FROM proposed_recipient WHERE id = $1`, [unjudged.id]);
    expect(gone.rowCount).toBe(1);
    await db.query('ROLLBACK');
  });

  it('refuses deleting a person whose result is being recorded, once that result is committed', async () => {
    const recorder = await connect();
    const deleter = await connect();
    const { programId, runId, recipients } = await judgedSetting(recorder, 1);
    const [person] = recipients;

    // The recorder holds the programme's verval lock, as a verval run does.
    await recorder.query('BEGIN');
    await recorder.query('SELECT verval_programme_lock($1)', [programId]);
    await recorder.query(record, [runId, [person.id]]);

    const [{ pid }] = (await deleter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    await deleter.query('BEGIN');
    const deletion = deleter
      .query(`DELETE FROM proposed_recipient WHERE id = $1`, [person.id])
      .then(
        () => undefined,
        (e: unknown) => e as Record<string, unknown>,
      );
    // The deletion waits on the programme's lock instead of passing the uncommitted result by.
    for (let tries = 0; ; tries += 1) {
      const state = await recorder.query<{ wait: string | null }>(
        `SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1`,
        [pid],
      );
      if (state.rows[0]?.wait === 'Lock') break;
      if (tries > 200) throw new Error('the deletion never waited for the verval lock');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await recorder.query('COMMIT');

    expect(await deletion).toMatchObject(RECIPIENT_KEY);
    await deleter.query('ROLLBACK');
    const kept = await recorder.query(`SELECT 1 FROM proposed_recipient WHERE id = $1`, [
      person.id,
    ]);
    expect(kept.rowCount).toBe(1);
  });
});
