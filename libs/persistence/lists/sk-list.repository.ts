import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SkFilters, SkRecipientFilters, SkState } from '@salur/libs/domain/list-specs';
import type { Page } from '@salur/libs/domain/listing';
import { maskedNik } from '@salur/libs/domain/nik-mask';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import { keysetPage, type KeysetList } from './keyset-page';
import { nikTailSql } from './masked-nik';
import { UUID } from '@salur/libs/shared';

export interface SkListItem {
  id: string;
  programId: string;
  draftId: string;
  status: SkState;
  skNo: string | null;
  skDate: string | null;
  recipientCount: number;
  amendsSkId: string | null;
  /** The signed SK in force: signed and not replaced by a signed amendment. */
  current: boolean;
  createdAt: string;
  signedAt: string | null;
}

export interface SkRecipientItem {
  recipientId: string;
  kecamatanCode: string;
  kelurahanCode: string;
  /** Masked: `************` and the last four digits. */
  nik: string;
}

type SkRow = Omit<SkListItem, 'createdAt' | 'signedAt'> & {
  createdAt: Date;
  signedAt: Date | null;
};

/** The SK documents: city-wide, so a kecamatan or contracts read scope sees none. */
const DOCUMENTS: KeysetList = {
  select: `d.id, d.program_id AS "programId", d.draft_id AS "draftId", d.status, d.sk_no AS "skNo",
           to_char(d.sk_date, 'YYYY-MM-DD') AS "skDate",
           coalesce(d.recipient_count,
                    (SELECT count(*)::int FROM sk_recipient s WHERE s.sk_id = d.id)) AS "recipientCount",
           d.amends_sk_id AS "amendsSkId",
           d.status = 'signed' AND NOT EXISTS (
             SELECT 1 FROM sk_document a WHERE a.amends_sk_id = d.id AND a.status = 'signed') AS current,
           d.created_at AS "createdAt", d.signed_at AS "signedAt"`,
  from: 'sk_document d',
  kecamatanColumn: null,
  allocationColumn: null,
  kelurahanColumn: null,
  order: [
    { sql: 'd.created_at', kind: 'timestamp' },
    { sql: 'd.id', kind: 'uuid' },
  ],
};

/**
 * The persons an SK lists, by kecamatan and kelurahan: the order of idx_sk_recipient_section,
 * so a page is read from the index. Each row carries its kecamatan for the read scope.
 */
const RECIPIENTS: KeysetList = {
  select: `s.recipient_id AS "recipientId", s.kecamatan_code AS "kecamatanCode",
           s.kelurahan_code AS "kelurahanCode", ${nikTailSql('s.nik')} AS "nikTail"`,
  from: 'sk_recipient s',
  kecamatanColumn: 's.kecamatan_code',
  kelurahanColumn: 's.kelurahan_code',
  // Listed by kecamatan, not by allocation: a contracts scope (a rekanan) sees none.
  allocationColumn: null,
  order: [
    { sql: 's.kecamatan_code', kind: 'code' },
    { sql: 's.kelurahan_code', kind: 'code' },
    { sql: 's.recipient_id', kind: 'uuid' },
  ],
};

/** Reads SK documents and their recipients page by page (SkRepository writes and freezes them). */
@Injectable()
export class SkListRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: ScopedListQuery<SkFilters>): Promise<Page<SkListItem>> {
    const { programme, status } = query.filters;
    const page = await keysetPage<SkRow>(this.dataSource, DOCUMENTS, query, (p) => [
      ...(programme ? [`d.program_id = ${p.add(programme)}`] : []),
      ...(status ? [`d.status = ${p.add(status)}`] : []),
    ]);
    return {
      ...page,
      items: page.items.map((row) => ({
        ...row,
        createdAt: row.createdAt.toISOString(),
        signedAt: row.signedAt?.toISOString() ?? null,
      })),
    };
  }

  async exists(skId: string): Promise<boolean> {
    if (!UUID.test(skId)) return false;
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM sk_document WHERE id = $1', [
      skId,
    ]);
    return rows.length > 0;
  }

  async recipients(
    skId: string,
    query: ScopedListQuery<SkRecipientFilters>,
  ): Promise<Page<SkRecipientItem>> {
    const { kecamatan, kelurahan } = query.filters;
    const page = await keysetPage<Omit<SkRecipientItem, 'nik'> & { nikTail: string | null }>(
      this.dataSource,
      RECIPIENTS,
      query,
      (p) => [
        `s.sk_id = ${p.add(skId)}`,
        ...(kecamatan ? [`s.kecamatan_code = ${p.add(kecamatan)}`] : []),
        ...(kelurahan ? [`s.kelurahan_code = ${p.add(kelurahan)}`] : []),
      ],
    );
    return {
      ...page,
      items: page.items.map(({ nikTail, ...row }) => ({ ...row, nik: maskedNik(nikTail) })),
    };
  }
}
