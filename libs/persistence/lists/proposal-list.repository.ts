import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProposalFilters, ProposalState } from '@salur/libs/domain/list-specs';
import type { Page } from '@salur/libs/domain/listing';
import { maskedNik } from '@salur/libs/domain/nik-mask';
import type { ReadScope, ScopedListQuery } from '@salur/libs/domain/read-scope';
import { labelReason, type LabelledCode } from '@salur/libs/domain/verval';
import { keysetPage, scopeCondition, SqlParams, type KeysetList } from './keyset-page';
import { nikTailSql } from './masked-nik';

export interface ProposalListItem {
  recipientId: string;
  /** Masked: `************` and the last four digits. */
  nik: string;
  kelurahanCode: string;
  status: ProposalState;
  /** The reasons of the last verval round that judged the person (empty when accepted). */
  reasons: LabelledCode[];
  batchId: string;
  updatedAt: string;
}

export interface VervalJudgement {
  round: number;
  ranAt: string;
  rulesetVersion: string;
  outcome: 'accepted' | 'rejected';
  reasons: LabelledCode[];
}

export interface ProposalDetail extends ProposalListItem {
  /** Every verval round that judged this person, oldest first. */
  verval: VervalJudgement[];
}

interface ProposalRow {
  recipientId: string;
  nikTail: string | null;
  kelurahanCode: string;
  status: ProposalState;
  reasons: string[];
  batchId: string;
  updatedAt: Date;
}

/** Proposed persons in the order they were proposed; the batch holds the kecamatan. */
const PROPOSALS: KeysetList = {
  select: `r.id AS "recipientId", ${nikTailSql('r.nik')} AS "nikTail",
           r.kelurahan_code AS "kelurahanCode", r.status, r.reasons, b.id AS "batchId",
           r.updated_at AS "updatedAt"`,
  from: 'proposed_recipient r JOIN proposal_batch b ON b.id = r.batch_id',
  kecamatanColumn: 'b.kecamatan_code',
  allocationColumn: 'b.workflow_id',
  kelurahanColumn: 'r.kelurahan_code',
  order: [{ sql: 'r.seq', kind: 'integer' }],
};

/**
 * Proposed persons of an allocation with their verval reasons, for reading. Kept apart from
 * ProposalRepository and VervalRepository (which write) so the read query stays one simple
 * statement that is easy to adjust when their tables change. Never selects a full NIK.
 */
@Injectable()
export class ProposalListRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    workflowId: string,
    query: ScopedListQuery<ProposalFilters>,
  ): Promise<Page<ProposalListItem>> {
    const { status, reason, kelurahan } = query.filters;
    const page = await keysetPage<ProposalRow>(this.dataSource, PROPOSALS, query, (p) => [
      `b.workflow_id = ${p.add(workflowId)}`,
      ...(status ? [`r.status = ${p.add(status)}`] : []),
      ...(reason ? [`${p.add(reason)} = ANY(r.reasons)`] : []),
      ...(kelurahan ? [`r.kelurahan_code = ${p.add(kelurahan)}`] : []),
    ]);
    return { ...page, items: page.items.map(toItem) };
  }

  /** One person of the allocation with every verval round's judgement; undefined if not there. */
  async get(
    workflowId: string,
    recipientId: string,
    scope: ReadScope,
  ): Promise<ProposalDetail | undefined> {
    const params = new SqlParams();
    const where = [
      `b.workflow_id = ${params.add(workflowId)}`,
      `r.id = ${params.add(recipientId)}`,
    ];
    const scoped = scopeCondition(scope, PROPOSALS, params);
    if (scoped) where.push(scoped);
    const [row]: ProposalRow[] = await this.dataSource.query(
      `SELECT ${PROPOSALS.select} FROM ${PROPOSALS.from} WHERE ${where.join(' AND ')}`,
      params.values,
    );
    if (!row) return undefined;
    const judgements: {
      round: number;
      ranAt: Date;
      rulesetVersion: string;
      outcome: 'accepted' | 'rejected';
      reasons: string[];
    }[] = await this.dataSource.query(
      `SELECT run.round, run.ran_at AS "ranAt", run.ruleset_version AS "rulesetVersion",
              vr.outcome, vr.reasons
         FROM verval_result vr JOIN verval_run run ON run.id = vr.verval_run_id
        WHERE vr.recipient_id = $1 ORDER BY run.round`,
      [recipientId],
    );
    return {
      ...toItem(row),
      verval: judgements.map((j) => ({
        ...j,
        ranAt: j.ranAt.toISOString(),
        reasons: j.reasons.map(labelReason),
      })),
    };
  }
}

function toItem(row: ProposalRow): ProposalListItem {
  return {
    recipientId: row.recipientId,
    nik: maskedNik(row.nikTail),
    kelurahanCode: row.kelurahanCode,
    status: row.status,
    reasons: row.reasons.map(labelReason),
    batchId: row.batchId,
    updatedAt: row.updatedAt.toISOString(),
  };
}
