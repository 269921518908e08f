import type { DataSource } from 'typeorm';
import {
  documentNumber,
  type BaMonevInput,
  type BaPemeriksaanInput,
  type BastVendorInput,
  type InputOf,
  type InspectionRound,
  type KecamatanPaper,
  type MonevComplaint,
  type Region,
} from '@salur/libs/documents';
import type { StepRecordKind } from '@salur/libs/sop/step-records';
import { PROCEDURE_NAME } from '@salur/libs/sop/steps';
import type { BastBnbaSource } from './bast-bnba-source';
import { issuerOf, type DocumentGenerator, type DocumentSettings } from './document-generator';
import type { StoredDocument } from './document-registry.repository';
import type { Actor } from './kelurahan-papers';

/** The allocation a paper is about, as an activity's transition context names it. */
export interface AllocationRef {
  readonly programId: string;
  readonly workflowId: string;
  readonly kecamatanCode: string;
}

/** A step record as the papers read it: its data and the day (WIB) it was recorded. */
interface StepRow {
  readonly id: string;
  readonly step: StepRecordKind;
  readonly businessKey: string;
  readonly data: Record<string, unknown>;
  readonly day: string;
}

interface Official {
  readonly name: string;
  readonly nip?: string;
}

type KecamatanKind = 'ba_pemeriksaan' | 'bast_vendor' | 'ba_monev';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const whole = (value: unknown): number => (typeof value === 'number' ? value : 0);
const official = (value: unknown): Official | null =>
  value && typeof value === 'object' && typeof (value as Official).name === 'string'
    ? (value as Official)
    : null;
const lastOf = (rows: readonly StepRow[], step: StepRecordKind) =>
  rows.filter((r) => r.step === step).at(-1);

/**
 * The kecamatan's field papers, each built from the step records PostgreSQL holds up to the
 * record it belongs to (so a retried activity, or one run later, prints the same) and dated
 * the day that record was written in Semarang's time (WIB): step 11's BA Pemeriksaan (a new
 * version at each inspection), step 14's BAST from the vendor (one per delivery that brought
 * parcels) and step 16's BA Monev. Registered against the allocation and its kecamatan.
 */
export class KecamatanPapers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly source: BastBnbaSource,
    private readonly generator: DocumentGenerator,
    private readonly settings: DocumentSettings,
  ) {}

  /** Step 11: every inspection round so far, after the one recorded as `recordId`. */
  async inspection(ref: AllocationRef, recordId: string, actor: Actor): Promise<StoredDocument[]> {
    const rows = await this.recordsUpTo(ref.workflowId, recordId, [
      'contract',
      'packing',
      'inspection',
    ]);
    const contract = lastOf(rows, 'contract')?.data ?? {};
    const rounds: InspectionRound[] = [];
    let presented = 0;
    for (const row of rows) {
      if (row.step === 'packing') presented += whole(row.data.packedCount);
      if (row.step !== 'inspection') continue;
      rounds.push({
        inspectionId: text(row.data.inspectionId) ?? row.businessKey,
        date: row.day,
        presented,
        counted: whole(row.data.inspectedCount),
        passed: whole(row.data.passedCount),
        reason: text(row.data.reason),
      });
      // Passed parcels are kept: the next round presents only their replacements.
      presented = 0;
    }
    const vendorName = text(contract.vendorName);
    const input: Omit<BaPemeriksaanInput, 'verification'> = {
      ...(await this.paper(ref, 'ba_pemeriksaan', ref.kecamatanCode, rows.at(-1)!.day)),
      ordered: whole(contract.ordered),
      spkNo: text(contract.spkNo),
      vendorName,
      rounds,
      signatories: [
        { heading: 'Mengetahui,', office: `PPK / Kepala ${this.settings.agency}` },
        { heading: 'PENYEDIA', office: vendorName ?? 'Penyedia' },
        { heading: 'TIM PEMERIKSA', office: 'Ketua Tim Pemeriksa Barang' },
      ],
    };
    return this.generate(ref, 'ba_pemeriksaan', ref.kecamatanCode, recordId, actor, input);
  }

  /**
   * Step 14: the BAST of the delivery recorded as `recordId`, for the parcels it brought
   * beyond those already received (delivered counts are running totals). A delivery that
   * brought none (a recount) hands nothing over: no paper.
   */
  async delivery(ref: AllocationRef, recordId: string, actor: Actor): Promise<StoredDocument[]> {
    const rows = await this.recordsUpTo(ref.workflowId, recordId, [
      'request-letter',
      'contract',
      'schedule',
      'delivery',
    ]);
    let received = 0;
    let deliveryNo = 0;
    let parcels = 0;
    for (const row of rows.filter((r) => r.step === 'delivery')) {
      parcels = whole(row.data.deliveredCount) - received;
      if (parcels > 0) deliveryNo++;
      received = Math.max(received, whole(row.data.deliveredCount));
    }
    if (parcels <= 0) return [];
    const delivery = rows.at(-1)!;
    const contract = lastOf(rows, 'contract')?.data ?? {};
    const schedule = lastOf(rows, 'schedule')?.data ?? {};
    const camat = official(lastOf(rows, 'request-letter')?.data.camat);
    const vendorName = text(contract.vendorName);
    const subject = `${ref.kecamatanCode}/${deliveryNo}`;
    const paper = await this.paper(ref, 'bast_vendor', subject, delivery.day);
    const input: Omit<BastVendorInput, 'verification'> = {
      ...paper,
      deliveryNo,
      parcels,
      deliveredToDate: received,
      expected: whole(delivery.data.expected),
      spkNo: text(contract.spkNo),
      schedule: {
        date: text(schedule.deliveryDate),
        rescheduled: schedule.rescheduled === true,
        agreedBy: official(schedule.agreedByKecamatan),
      },
      resolution: text(delivery.data.resolution),
      pihakPertama: { office: vendorName ? `Penyedia, ${vendorName}` : 'Penyedia' },
      pihakKedua: {
        office: `Camat ${paper.kecamatan.name}`,
        ...(camat ? { name: camat.name } : {}),
        ...(camat?.nip ? { nip: camat.nip } : {}),
      },
    };
    return this.generate(ref, 'bast_vendor', subject, recordId, actor, input);
  }

  /** Step 16: the BA Monev at its sign-off (`recordId`), with every complaint recorded before. */
  async monev(ref: AllocationRef, recordId: string, actor: Actor): Promise<StoredDocument[]> {
    const rows = await this.recordsUpTo(ref.workflowId, recordId, [
      'monev-complaint',
      'monev-sign-off',
    ]);
    const signOff = rows.at(-1)!.data;
    const recorded = rows.filter((r) => r.step === 'monev-complaint').map((r) => r.data);
    const names = await this.regionNames(recorded.flatMap((d) => text(d.kelurahanCode) ?? []));
    const complaints = new Map<string, MonevComplaint>();
    for (const data of recorded) {
      const complaintId = text(data.complaintId)!;
      const known = complaints.get(complaintId);
      // A complaint's first record says what it is; a second one (RESOLVE_COMPLAINT) its follow-up.
      if (known) {
        complaints.set(complaintId, { ...known, followUp: text(data.followUp) });
        continue;
      }
      const kelurahanCode = text(data.kelurahanCode);
      complaints.set(complaintId, {
        complaintId,
        kelurahan: kelurahanCode
          ? { code: kelurahanCode, name: names.get(kelurahanCode) ?? kelurahanCode }
          : null,
        kind: text(data.kind),
        source: text(data.source),
        description: text(data.description),
        needsAction: data.needsAction === true,
        followUp: text(data.followUp),
      });
    }
    const assessment = signOff.assessment as BaMonevInput['assessment'] | undefined;
    const input: Omit<BaMonevInput, 'verification'> = {
      ...(await this.paper(ref, 'ba_monev', ref.kecamatanCode, rows.at(-1)!.day)),
      reportNo: text(signOff.reportNo) ?? '',
      assessment: assessment ?? null,
      complaints: [...complaints.values()],
      fieldProblems: text(signOff.fieldProblems),
      reportedToTimPembinaOn: text(signOff.reportedToTimPembinaOn),
      signatories: [
        { heading: 'Mengetahui,', office: `Kepala ${this.settings.agency}` },
        { heading: 'TIM MONEV', office: 'Ketua Tim Monitoring dan Evaluasi' },
      ],
    };
    return this.generate(ref, 'ba_monev', ref.kecamatanCode, recordId, actor, input);
  }

  /** What every kecamatan paper prints first: heading, number, date, programme, SK, kecamatan. */
  private async paper(
    ref: AllocationRef,
    kind: KecamatanKind,
    subject: string,
    date: string,
  ): Promise<Omit<KecamatanPaper, 'verification'>> {
    const sk = await this.source.skInForce(ref.workflowId);
    const { kecamatan, city } = await this.source.names(ref.kecamatanCode);
    return {
      facts: {
        issuer: issuerOf(city, this.settings),
        number: documentNumber(kind, subject, ref.programId),
        date,
      },
      programme: `${PROCEDURE_NAME} Tahun ${sk.skDate.slice(0, 4)}`,
      basis: { skNo: sk.skNo, skDate: sk.skDate },
      kecamatan,
    };
  }

  private generate<K extends KecamatanKind>(
    ref: AllocationRef,
    kind: K,
    subject: string,
    stepRecordId: string,
    actor: Actor,
    input: Omit<InputOf<K>, 'verification'>,
  ): Promise<StoredDocument[]> {
    return this.generator.generate({
      kind,
      programId: ref.programId,
      subject,
      workflowId: ref.workflowId,
      kecamatanCode: ref.kecamatanCode,
      kelurahanCode: null,
      stepRecordId,
      actor,
      input,
    });
  }

  /**
   * The allocation's records of these steps up to and including `recordId`, in the order they
   * were written.
   */
  private async recordsUpTo(
    workflowId: string,
    recordId: string,
    steps: readonly StepRecordKind[],
  ): Promise<StepRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.step, r.business_key AS "businessKey", r.data,
              to_char(r.recorded_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day
         FROM sop_step_record r, sop_step_record upto
        WHERE upto.id = $2 AND r.workflow_id = $1 AND r.step = ANY($3)
          AND (r.recorded_at, r.id) <= (upto.recorded_at, upto.id)
        ORDER BY r.recorded_at, r.id`,
      [workflowId, recordId, steps],
    );
  }

  private async regionNames(codes: readonly string[]): Promise<Map<string, string>> {
    const rows: Region[] = await this.dataSource.query(
      `SELECT code, name FROM region WHERE code = ANY($1)`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
