import type { Client } from 'pg';
import { readRegionSeed } from '@salur/libs/persistence/seed/regions';

export const BENCH_PROGRAMME = 'bench-docs';

/**
 * A signed SK of a Semarang-size programme, written straight into the schema: `persons`
 * accepted persons spread evenly over the city's kelurahan, one allocation per kecamatan.
 * What step 6 reads, without running the SOP to get there. Returns the allocations.
 */
export async function fillSignedSk(db: Client, persons: number): Promise<string[]> {
  const regions = readRegionSeed();
  const kecamatan = regions.filter((r) => r.level === 'kecamatan').map((r) => r.code);
  const kelurahan = regions.filter((r) => r.level === 'kelurahan_desa').map((r) => r.code);
  const workflowOf = (kec: string) => `allocation-${BENCH_PROGRAMME}-${kec}`;
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO proposal_batch (program_id, kecamatan_code, workflow_id)
     SELECT $1::varchar, k, 'allocation-' || $1::varchar || '-' || k FROM unnest($2::varchar[]) AS k`,
    [BENCH_PROGRAMME, kecamatan],
  );
  // Person i lives in kelurahan i mod 177: about 508 each; names and addresses of a
  // realistic length, NIKs of the city's shape.
  await db.query(
    `INSERT INTO proposed_recipient (batch_id, nik, name, address, rt_rw, kelurahan_code, status)
     SELECT b.id, '3374' || lpad(i::text, 12, '0'),
            'WARGA ' || i || ' BINTI SUPARMAN', 'JL. KARANG ANYAR GG. ' || (i % 17) || ' NO. ' || i,
            lpad((1 + i % 9)::text, 3, '0') || '/' || lpad((1 + i % 5)::text, 3, '0'),
            kel.code, 'accepted'
       FROM generate_series(0, $1 - 1) AS i
       JOIN LATERAL (SELECT ($2::varchar[])[1 + i % array_length($2::varchar[], 1)] AS code) kel ON true
       JOIN proposal_batch b ON b.program_id = $3 AND b.kecamatan_code = left(kel.code, 8)`,
    [persons, kelurahan, BENCH_PROGRAMME],
  );
  const [{ id }] = (
    await db.query<{ id: string }>(
      `INSERT INTO sk_document (program_id, draft_id, drafted_by) VALUES ($1, 'SK-BENCH', 'bench') RETURNING id`,
      [BENCH_PROGRAMME],
    )
  ).rows;
  await db.query(
    `INSERT INTO sk_section (sk_id, kecamatan_code, workflow_id)
     SELECT $1, kecamatan_code, workflow_id FROM proposal_batch WHERE program_id = $2`,
    [id, BENCH_PROGRAMME],
  );
  await db.query(
    `INSERT INTO sk_recipient (sk_id, recipient_id, kecamatan_code, kelurahan_code, nik)
     SELECT $1, r.id, b.kecamatan_code, r.kelurahan_code, r.nik
       FROM proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id WHERE b.program_id = $2`,
    [id, BENCH_PROGRAMME],
  );
  await db.query(
    `UPDATE sk_document SET status = 'signed', sk_no = '463/BENCH/2021', sk_date = '2021-07-19',
            signatory = 'bench', content_sha256 = repeat('0', 64), recipient_count = $2, signed_at = now()
      WHERE id = $1`,
    [id, persons],
  );
  await db.query('COMMIT');
  return kecamatan.map(workflowOf);
}
