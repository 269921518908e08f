import type { DataSource } from 'typeorm';
import type { Region, SkChangeRow, SkKelurahanCount, SkPersonRow } from '@salur/libs/documents';
import { DomainError } from '@salur/libs/domain/errors';

/** One SK as its paper prints it. */
export interface SkFacts {
  readonly skId: string;
  readonly programId: string;
  readonly skNo: string;
  readonly skDate: string;
  readonly recipientCount: number;
  readonly amendsSkId: string | null;
  readonly amendmentReason: string | null;
}

const PAGE = 1000;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * What the programme's papers print, read from PostgreSQL: region names, the day the quota
 * letter was first recorded, an SK (counts per kelurahan, its persons page by page, an
 * amendment's changes), the amount per KPM the SK was drafted with, and the SK in force.
 * Persons stream in keyset pages: an SK of a city (80,000 persons) is never loaded whole.
 */
export class ProgrammePapersSource {
  constructor(private readonly dataSource: DataSource) {}

  /** The kecamatan's names, in code order, and the city (or regency) above the first. */
  async kecamatan(codes: readonly string[]): Promise<{ kecamatan: Region[]; city: string }> {
    const rows: (Region & { city: string })[] = await this.dataSource.query(
      `SELECT k.code, k.name, c.name AS city FROM region k JOIN region c ON c.code = k.parent_code
        WHERE k.code = ANY($1::varchar[]) ORDER BY k.code`,
      [codes],
    );
    if (rows.length !== codes.length) {
      throw new DomainError('NOT_FOUND', `unknown kecamatan among ${codes.join(', ')}`);
    }
    return { kecamatan: rows.map(({ code, name }) => ({ code, name })), city: rows[0].city };
  }

  /**
   * The day (in WIB) the programme's quota letter was first recorded by an allocation: the
   * Surat Edaran's date, the same whichever allocation generates it.
   */
  async quotaLetterDate(programId: string, letterNo: string): Promise<string> {
    const prefix = `allocation-${programId}-`;
    const [row]: { date: string | null }[] = await this.dataSource.query(
      `SELECT to_char(min(recorded_at) AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS date
         FROM sop_step_record
        WHERE step = 'quota-letter' AND left(workflow_id, length($1)) = $1 AND data->>'letterNo' = $2`,
      [prefix, letterNo],
    );
    if (!row?.date) {
      throw new DomainError('NOT_FOUND', `no quota letter ${letterNo} recorded in ${programId}`);
    }
    return row.date;
  }

  async sk(skId: string): Promise<SkFacts> {
    const [row]: (SkFacts & { status: string })[] = await this.dataSource.query(
      `SELECT d.id AS "skId", d.program_id AS "programId", d.sk_no AS "skNo",
              to_char(d.sk_date, 'YYYY-MM-DD') AS "skDate", d.recipient_count AS "recipientCount",
              d.amends_sk_id AS "amendsSkId", d.amendment_reason AS "amendmentReason", d.status
         FROM sk_document d WHERE d.id = $1`,
      [skId],
    );
    if (row?.status !== 'signed') {
      throw new DomainError('NOT_FOUND', `no signed SK ${skId}: only a signed SK is printed`);
    }
    return {
      skId: row.skId,
      programId: row.programId,
      skNo: row.skNo,
      skDate: row.skDate,
      recipientCount: row.recipientCount,
      amendsSkId: row.amendsSkId,
      amendmentReason: row.amendmentReason,
    };
  }

  /** The signed SK in force for the programme: signed, not replaced by a signed amendment. */
  async skInForce(programId: string): Promise<SkFacts> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `SELECT d.id FROM sk_document d
        WHERE d.program_id = $1 AND d.status = 'signed'
          AND NOT EXISTS (SELECT 1 FROM sk_document a WHERE a.amends_sk_id = d.id AND a.status = 'signed')
        ORDER BY d.signed_at DESC LIMIT 1`,
      [programId],
    );
    if (!row) {
      throw new DomainError(
        'TRANSITION_REFUSED',
        `no signed SK in ${programId}: the SPK counts its parcels`,
      );
    }
    return this.sk(row.id);
  }

  /** DRAFT_SK's amount per KPM for this SK (an amendment: the first SK's), or null. */
  async amountPerKpm(skId: string): Promise<number | null> {
    const [row]: { amount: number | null }[] = await this.dataSource.query(
      `WITH RECURSIVE chain AS (
         SELECT id, amends_sk_id FROM sk_document WHERE id = $1
         UNION ALL
         SELECT d.id, d.amends_sk_id FROM sk_document d JOIN chain c ON d.id = c.amends_sk_id
       )
       SELECT max((r.data->>'amountPerKpm')::int) AS amount
         FROM sop_step_record r
        WHERE r.step = 'sk-draft' AND r.data->>'skId' = (SELECT id::text FROM chain WHERE amends_sk_id IS NULL)`,
      [skId],
    );
    return row?.amount ?? null;
  }

  /** The SK's recipients per kelurahan, by kecamatan then kelurahan. */
  async byKelurahan(skId: string): Promise<SkKelurahanCount[]> {
    const rows: { kc: string; kcName: string; kl: string; klName: string; n: number }[] =
      await this.dataSource.query(
        `SELECT r.kecamatan_code AS kc, kc.name AS "kcName", r.kelurahan_code AS kl,
                kl.name AS "klName", count(*)::int AS n
           FROM sk_recipient r
           JOIN region kc ON kc.code = r.kecamatan_code
           JOIN region kl ON kl.code = r.kelurahan_code
          WHERE r.sk_id = $1
          GROUP BY r.kecamatan_code, kc.name, r.kelurahan_code, kl.name
          ORDER BY r.kecamatan_code, r.kelurahan_code`,
        [skId],
      );
    return rows.map((r) => ({
      kecamatan: { code: r.kc, name: r.kcName },
      kelurahan: { code: r.kl, name: r.klName },
      recipients: r.n,
    }));
  }

  /** How many persons an amending SK adds and removes. */
  async changeCounts(skId: string): Promise<{ added: number; removed: number }> {
    const [row]: { added: number; removed: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE change = 'add')::int AS added,
              count(*) FILTER (WHERE change = 'remove')::int AS removed
         FROM sk_amendment_change WHERE sk_id = $1`,
      [skId],
    );
    return row;
  }

  /**
   * The SK's persons in lampiran order (kecamatan, kelurahan, RT/RW, name, record id), a
   * page at a time. NIKs are the ones the SK froze; names and addresses the proposals'.
   */
  async *persons(skId: string): AsyncIterable<SkPersonRow> {
    let after = ['', '', '', '', NIL_UUID];
    for (;;) {
      const rows: (SkPersonRow & { k: string[] })[] = await this.dataSource.query(
        `SELECT s.nik, p.name, p.address, kl.name AS kelurahan,
                ARRAY[s.kecamatan_code, s.kelurahan_code, coalesce(p.rt_rw, ''),
                      coalesce(p.name, ''), s.recipient_id::text] AS k
           FROM sk_recipient s
           JOIN proposed_recipient p ON p.id = s.recipient_id
           JOIN region kl ON kl.code = s.kelurahan_code
          WHERE s.sk_id = $1
            AND (s.kecamatan_code, s.kelurahan_code, coalesce(p.rt_rw, ''), coalesce(p.name, ''), s.recipient_id)
                > ($2, $3, $4, $5, $6::uuid)
          ORDER BY s.kecamatan_code, s.kelurahan_code, coalesce(p.rt_rw, ''), coalesce(p.name, ''), s.recipient_id
          LIMIT ${PAGE}`,
        [skId, ...after],
      );
      for (const { nik, name, address, kelurahan } of rows) yield { nik, name, address, kelurahan };
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].k;
    }
  }

  /**
   * An amending SK's changes: persons added (NIK as this SK froze it), then persons removed
   * (NIK as the amended SK froze it), each by kelurahan and name, a page at a time.
   */
  async *changes(sk: SkFacts): AsyncIterable<SkChangeRow> {
    let after = ['', '', '', NIL_UUID];
    for (;;) {
      const rows: (SkChangeRow & { k: string[] })[] = await this.dataSource.query(
        `SELECT s.nik, p.name, p.address, kl.name AS kelurahan, c.change,
                ARRAY[c.change::text, s.kelurahan_code, coalesce(p.name, ''), c.recipient_id::text] AS k
           FROM sk_amendment_change c
           JOIN sk_recipient s ON s.recipient_id = c.recipient_id
                AND s.sk_id = CASE WHEN c.change = 'add' THEN $1::uuid ELSE $2::uuid END
           JOIN proposed_recipient p ON p.id = c.recipient_id
           JOIN region kl ON kl.code = s.kelurahan_code
          WHERE c.sk_id = $1
            AND (c.change::text, s.kelurahan_code, coalesce(p.name, ''), c.recipient_id) > ($3, $4, $5, $6::uuid)
          ORDER BY c.change::text, s.kelurahan_code, coalesce(p.name, ''), c.recipient_id
          LIMIT ${PAGE}`,
        [sk.skId, sk.amendsSkId, ...after],
      );
      for (const { nik, name, address, kelurahan, change } of rows) {
        yield { nik, name, address, kelurahan, change };
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].k;
    }
  }
}
