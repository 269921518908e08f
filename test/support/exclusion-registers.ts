import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { ExclusionRegister } from '@salur/libs/domain/verval';
import { lockExclusionRegister } from '@salur/libs/import';
import { TEST_DATABASE_URL } from './services';

/*
 * Exclusion registers are city-wide: each has one current version, and every verval run reads
 * the current ones. Test files share them while they run in parallel, so:
 * - a test that loads versions and runs verval on them holds those registers meanwhile with
 *   the lock every import takes (holdRegisters), so no import makes another version current
 *   under it; and its versions keep the entries of those they replace (loadRegisterVersion),
 *   so it lists or unlists its own persons (factories' listedNik) and nobody else's;
 * - a test file that imports whole register files (the main job, the import tests) replaces
 *   everyone's entries and cannot hold that lock across its own imports: such files run one
 *   at a time (useRegisterImportLease).
 */

/** Runs `work` while no import can make a version of these registers current. */
export async function holdRegisters<T>(
  dataSource: DataSource,
  registers: ExclusionRegister[],
  work: () => Promise<T>,
): Promise<T> {
  const holder = dataSource.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    // Always in the same order, so two holders never wait for each other.
    for (const register of [...new Set(registers)].sort()) {
      await lockExclusionRegister(holder, register);
    }
    return await work();
  } finally {
    if (holder.isTransactionActive) await holder.rollbackTransaction();
    await holder.release();
  }
}

/**
 * A new current version of the register: the current one's entries, plus `list`, minus
 * `unlist`. Written directly, as a test's stand-in for an import; use it inside holdRegisters.
 */
export async function loadRegisterVersion(
  dataSource: DataSource,
  register: ExclusionRegister,
  change: { list?: string[]; unlist?: string[]; label?: string; source?: string },
): Promise<string> {
  return dataSource.transaction(async (tx) => {
    // UPDATE ... RETURNING answers [rows, count] through TypeORM.
    const [demoted]: [{ id: string }[], number] = await tx.query(
      `UPDATE exclusion_register_version SET is_current = false
        WHERE register = $1 AND is_current RETURNING id`,
      [register],
    );
    const [{ id }]: { id: string }[] = await tx.query(
      `INSERT INTO exclusion_register_version
         (register, version_label, valid_on, source, file_sha256, row_count, is_current)
       VALUES ($1, $2, '2021-07-01', $3, $4, 0, true) RETURNING id`,
      [
        register,
        change.label ?? `test-${randomUUID().slice(0, 8)}`,
        change.source ?? 'test',
        createHash('sha256').update(randomUUID()).digest('hex'),
      ],
    );
    await tx.query(
      `INSERT INTO exclusion_entry (version_id, nik)
       SELECT $1::uuid, nik FROM exclusion_entry WHERE version_id = $2 AND nik <> ALL($4::varchar[])
       UNION SELECT $1::uuid, unnest($3::varchar[])`,
      [id, demoted[0]?.id ?? null, change.list ?? [], change.unlist ?? []],
    );
    await tx.query(
      `UPDATE exclusion_register_version
          SET row_count = (SELECT count(*) FROM exclusion_entry WHERE version_id = $1) WHERE id = $1`,
      [id],
    );
    return id;
  });
}

/** The longest a file waits for the others that import register files (the main jobs take minutes). */
const LEASE_WAIT_MS = 20 * 60_000;

/**
 * For a describe block that imports whole register files: it runs while no other such block
 * does. The lease is a session lock of a connection of its own, let go when it closes.
 */
export function useRegisterImportLease(): void {
  let lease: Client | undefined;
  beforeAll(async () => {
    lease = new Client({ connectionString: TEST_DATABASE_URL });
    await lease.connect();
    await lease.query(`SELECT pg_advisory_lock(hashtext('salur-test:register-imports'))`);
  }, LEASE_WAIT_MS);
  afterAll(async () => {
    await lease?.end();
  });
}
