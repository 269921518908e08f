import type { DataSource } from 'typeorm';
import type { BnbaRow, Region } from '@salur/libs/documents';
import { DomainError } from '@salur/libs/domain/errors';

/** The signed SK in force that lists an allocation's recipients. */
export interface SkInForce {
  readonly skId: string;
  readonly skNo: string;
  readonly skDate: string;
}

/** A named official who signs, as a command recorded them: name, and NIP when given. */
export interface Official {
  readonly name: string;
  readonly nip?: string;
}

export interface KelurahanRecipients extends Region {
  readonly recipients: number;
}

const PAGE = 1000;

/**
 * The id of the SK in force for the allocation in parameter `param` (signed, not replaced by a
 * signed amendment): a scalar subquery, so the papers and the receipts mean the same SK.
 */
export function skInForceIdSql(param: string): string {
  return `(SELECT d.id FROM sk_document d JOIN sk_section s ON s.sk_id = d.id AND s.workflow_id = ${param}
            WHERE d.status = 'signed'
              AND NOT EXISTS (SELECT 1 FROM sk_document a WHERE a.amends_sk_id = d.id AND a.status = 'signed')
            ORDER BY d.signed_at DESC LIMIT 1)`;
}

/**
 * The order a BNBA lists its persons in (sk_recipient \`s\`, proposed_recipient \`p\`): RT/RW,
 * name, record id. A printed row's No is its place in this order.
 */
export const BNBA_ORDER = `coalesce(p.rt_rw, ''), coalesce(p.name, ''), s.recipient_id`;

/**
 * What step 6's papers print, read from PostgreSQL: the SK in force for an allocation (signed,
 * not replaced by a signed amendment), its recipients per kelurahan, and one kelurahan's
 * recipients page by page (keyset: RT/RW, name, record id), so a list is streamed, never
 * loaded whole. NIKs are the ones the SK froze; names and addresses the proposals'.
 */
export class BastBnbaSource {
  constructor(private readonly dataSource: DataSource) {}

  async skInForce(workflowId: string): Promise<SkInForce> {
    const [sk]: SkInForce[] = await this.dataSource.query(
      `SELECT d.id AS "skId", d.sk_no AS "skNo", to_char(d.sk_date, 'YYYY-MM-DD') AS "skDate"
         FROM sk_document d WHERE d.id = ${skInForceIdSql('$1')}`,
      [workflowId],
    );
    if (!sk) {
      throw new DomainError(
        'TRANSITION_REFUSED',
        `no signed SK lists the recipients of ${workflowId}: the BAST and BNBA print the SK's list`,
      );
    }
    return sk;
  }

  /** The kelurahan the SK gives recipients in this kecamatan, with their counts; no others. */
  kelurahanWithRecipients(sk: SkInForce, kecamatanCode: string): Promise<KelurahanRecipients[]> {
    return this.dataSource.query(
      `SELECT r.kelurahan_code AS code, k.name, count(*)::int AS recipients
         FROM sk_recipient r JOIN region k ON k.code = r.kelurahan_code
        WHERE r.sk_id = $1 AND r.kecamatan_code = $2
        GROUP BY r.kelurahan_code, k.name ORDER BY r.kelurahan_code`,
      [sk.skId, kecamatanCode],
    );
  }

  /**
   * The Camat who acknowledged the kecamatan's request letter (step 2's `camat` fact), as the
   * latest request letter recorded it; undefined for allocations recorded before that fact.
   */
  async camat(workflowId: string): Promise<Official | undefined> {
    const [row]: { camat: Official | null }[] = await this.dataSource.query(
      `SELECT data->'camat' AS camat FROM sop_step_record
        WHERE workflow_id = $1 AND step = 'request-letter'
        ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [workflowId],
    );
    return row?.camat?.name ? row.camat : undefined;
  }

  /** The region's own name and the name of the city (or regency) above it. */
  async names(kecamatanCode: string): Promise<{ kecamatan: Region; city: string }> {
    const [row]: { kecamatan: string; city: string }[] = await this.dataSource.query(
      `SELECT k.name AS kecamatan, c.name AS city
         FROM region k JOIN region c ON c.code = k.parent_code WHERE k.code = $1`,
      [kecamatanCode],
    );
    return { kecamatan: { code: kecamatanCode, name: row.kecamatan }, city: row.city };
  }

  /** One kelurahan's recipients in print order, a page of rows at a time. */
  async *recipients(sk: SkInForce, kelurahanCode: string): AsyncIterable<BnbaRow> {
    let after: [string, string, string] = ['', '', '00000000-0000-0000-0000-000000000000'];
    for (;;) {
      const rows: (BnbaRow & { sortRtRw: string; sortName: string; recipientId: string })[] =
        await this.dataSource.query(
          `SELECT s.nik, p.name, p.address, p.rt_rw AS "rtRw", s.recipient_id AS "recipientId",
                  coalesce(p.rt_rw, '') AS "sortRtRw", coalesce(p.name, '') AS "sortName"
             FROM sk_recipient s JOIN proposed_recipient p ON p.id = s.recipient_id
            WHERE s.sk_id = $1 AND s.kecamatan_code = $2 AND s.kelurahan_code = $3
              AND (coalesce(p.rt_rw, ''), coalesce(p.name, ''), s.recipient_id) > ($4, $5, $6::uuid)
            ORDER BY ${BNBA_ORDER}
            LIMIT ${PAGE}`,
          [sk.skId, kelurahanCode.slice(0, 8), kelurahanCode, ...after],
        );
      for (const row of rows) {
        yield { nik: row.nik, name: row.name, address: row.address, rtRw: row.rtRw };
      }
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1];
      after = [last.sortRtRw, last.sortName, last.recipientId];
    }
  }
}
