import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RecordListKind } from '@salur/libs/domain/list-specs';
import type { Page } from '@salur/libs/domain/listing';
import type { ScopedListQuery } from '@salur/libs/domain/read-scope';
import type { StepRecordKind } from '@salur/libs/sop/step-records';
import { keysetPage, type KeysetList } from './keyset-page';

/**
 * Which sop_step_record rows make up each list (`step` as the activities write it) and which
 * fields of their `data` it shows. Fields absent from a record are left out of its item.
 */
const KINDS: Record<RecordListKind, { step: StepRecordKind; fields: readonly string[] }> = {
  packing: { step: 'packing', fields: ['event', 'packedCount'] },
  inspections: {
    step: 'inspection',
    fields: ['inspectionId', 'inspectedCount', 'passedCount', 'reason'],
  },
  'delivery-schedules': { step: 'schedule', fields: ['deliveryDate', 'rescheduled'] },
  // type is RESOLVE_DISCREPANCY for a resolved discrepancy, absent for a confirmation.
  deliveries: { step: 'delivery', fields: ['type', 'deliveredCount', 'expected', 'resolution'] },
  // type tells a recorded complaint (RECORD_COMPLAINT) from its follow-up (RESOLVE_COMPLAINT).
  complaints: {
    step: 'monev-complaint',
    fields: ['type', 'complaintId', 'needsAction', 'followUp'],
  },
};

export interface StepRecordItem {
  recordId: string;
  allocationId: string;
  kecamatanCode: string;
  recordedAt: string;
  /** The user id and role that took the step. */
  actorId: string | null;
  role: string | null;
  [field: string]: unknown;
}

/** The allocations whose records are listed: one programme's, optionally one kecamatan's. */
export interface RecordTarget {
  programId: string;
  kecamatanCode?: string;
}

interface RecordRow {
  recordId: string;
  allocationId: string;
  kecamatanCode: string;
  recordedAt: Date;
  data: Record<string, unknown>;
}

/**
 * Allocation ids are allocation-<programId>-<kecamatanCode>; joining the kecamatan of the
 * city (region) rebuilds them exactly, gives each row its kecamatan for the read scope, and
 * never matches another programme whose id merely starts with this one.
 */
const RECORDS: KeysetList = {
  select: `s.id AS "recordId", s.workflow_id AS "allocationId", k.code AS "kecamatanCode",
           s.recorded_at AS "recordedAt", s.data`,
  from: `sop_step_record s JOIN region k ON k.level = 'kecamatan'`,
  kecamatanColumn: 'k.code',
  allocationColumn: 's.workflow_id',
  kelurahanColumn: null,
  order: [
    { sql: 's.recorded_at', kind: 'timestamp' },
    { sql: 's.id', kind: 'uuid' },
  ],
};

/** Reads the records SOP steps 8-16 leave behind (packing, inspection, delivery, monev). */
@Injectable()
export class StepRecordListRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    kind: RecordListKind,
    target: RecordTarget,
    query: ScopedListQuery<{ kecamatan?: string }>,
  ): Promise<Page<StepRecordItem>> {
    const { step, fields } = KINDS[kind];
    const kecamatan = [target.kecamatanCode, query.filters.kecamatan].filter(
      (code): code is string => code !== undefined,
    );
    const page = await keysetPage<RecordRow>(this.dataSource, RECORDS, query, (p) => [
      `s.workflow_id = 'allocation-' || ${p.add(target.programId)} || '-' || k.code`,
      `s.step = ${p.add(step)}`,
      ...kecamatan.map((code) => `k.code = ${p.add(code)}`),
    ]);
    return { ...page, items: page.items.map((row) => toItem(row, fields)) };
  }
}

function toItem(row: RecordRow, fields: readonly string[]): StepRecordItem {
  const shown = Object.fromEntries(
    fields.filter((field) => row.data[field] !== undefined).map((f) => [f, row.data[f]]),
  );
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    recordId: row.recordId,
    allocationId: row.allocationId,
    kecamatanCode: row.kecamatanCode,
    recordedAt: row.recordedAt.toISOString(),
    actorId: text(row.data.actorId),
    role: text(row.data.role),
    ...shown,
  };
}
