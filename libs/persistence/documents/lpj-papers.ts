import type { DataSource } from 'typeorm';
import { documentNumber, type LpjInput, type LpjKelurahan } from '@salur/libs/documents';
import { NO_RETURNS, reconcileKelurahan } from '@salur/libs/domain/receipt';
import { PROCEDURE_NAME } from '@salur/libs/sop/steps';
import { receiptCounts } from '../receipts/receipt-counts';
import type { BastBnbaSource } from './bast-bnba-source';
import { issuerOf, type DocumentGenerator, type DocumentSettings } from './document-generator';
import type { StoredDocument } from './document-registry.repository';
import type { Actor } from './kelurahan-papers';

interface PerKelurahan<T> {
  readonly kelurahanCode: string | null;
  readonly value: T;
}

/**
 * Step 17's LPJ rekap of an allocation (one kecamatan), read from PostgreSQL once collection
 * is complete: the kelurahan the SK gives recipients, each one's BAST, receipts, complaints
 * and signed copy, the parcels delivered to the kecamatan and who signs. Dated the day
 * COMPLETE_COLLECTION was recorded (in Jakarta time): the same records print the same bytes.
 */
export class LpjPapers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly source: BastBnbaSource,
    private readonly generator: DocumentGenerator,
    private readonly settings: DocumentSettings,
  ) {}

  async inputs(
    programId: string,
    workflowId: string,
    kecamatanCode: string,
  ): Promise<Omit<LpjInput, 'verification'>> {
    const sk = await this.source.skInForce(workflowId);
    const { kecamatan, city } = await this.source.names(kecamatanCode);
    const listed = await this.source.kelurahanWithRecipients(sk, kecamatanCode);
    const counts = await receiptCounts(this.dataSource.manager, workflowId, kecamatanCode);
    const bast = await this.bastParcels(workflowId);
    const complaints = await this.complaints(workflowId);
    const collected = await this.signedCollected(workflowId);
    const camat = await this.source.camat(workflowId);
    const date = await this.collectionDate(workflowId);

    const complaintsOf = (code: string | null) =>
      complaints.filter((c) => c.kelurahanCode === code).map((c) => c.value);
    const kelurahan = listed.map((k): LpjKelurahan => {
      const own = complaintsOf(k.code);
      return {
        kelurahan: { code: k.code, name: k.name },
        bastParcels: bast.find((b) => b.kelurahanCode === k.code)?.value ?? 0,
        receipts: reconcileKelurahan(
          counts.find((c) => c.kelurahanCode === k.code) ?? {
            kelurahanCode: k.code,
            listed: 0,
            received: 0,
            receivedByProxy: 0,
            notReceived: NO_RETURNS,
          },
        ),
        complaints: own.length,
        complaintsResolved: own.filter((resolved) => resolved).length,
        signedCollected: collected.has(k.code),
      };
    });
    const all = complaints.map((c) => c.value);
    return {
      facts: {
        issuer: issuerOf(city, this.settings),
        number: documentNumber('lpj', kecamatanCode, programId),
        date,
      },
      programme: `${PROCEDURE_NAME} Tahun ${sk.skDate.slice(0, 4)}`,
      basis: { skNo: sk.skNo, skDate: sk.skDate },
      kecamatan,
      deliveredToKecamatan: await this.delivered(workflowId),
      kelurahan,
      complaints: { recorded: all.length, resolved: all.filter((resolved) => resolved).length },
      camat: { office: `Camat ${kecamatan.name}`, ...camat },
      // Salur does not hold the head of the office's name: a dotted line to sign over.
      kepalaDinas: { office: `Kepala ${this.settings.agency} ${city}` },
    };
  }

  /** Generates (or finds, unchanged) the allocation's LPJ, PDF and XLSX, tied to its record. */
  async generate(
    programId: string,
    workflowId: string,
    kecamatanCode: string,
    stepRecordId: string,
    actor: Actor,
  ): Promise<StoredDocument[]> {
    return this.generator.generate({
      kind: 'lpj',
      programId,
      subject: kecamatanCode,
      workflowId,
      kecamatanCode,
      kelurahanCode: null,
      stepRecordId,
      actor,
      input: await this.inputs(programId, workflowId, kecamatanCode),
    });
  }

  /** The parcels each kelurahan's BAST handed over, as step 6 recorded them. */
  private async bastParcels(workflowId: string): Promise<PerKelurahan<number>[]> {
    return this.dataSource.query(
      `SELECT business_key AS "kelurahanCode", (data->>'accepted')::int AS value
         FROM sop_step_record WHERE workflow_id = $1 AND step = 'bast-bnba'`,
      [workflowId],
    );
  }

  /** Each complaint once, with its kelurahan and whether it was followed up. */
  private async complaints(workflowId: string): Promise<PerKelurahan<boolean>[]> {
    return this.dataSource.query(
      `SELECT max(data->>'kelurahanCode') AS "kelurahanCode", bool_or(data ? 'followUp') AS value
         FROM sop_step_record WHERE workflow_id = $1 AND step = 'monev-complaint'
        GROUP BY data->>'complaintId' ORDER BY data->>'complaintId'`,
      [workflowId],
    );
  }

  /** The kelurahan whose signed BAST/BNBA was collected and linked to its papers. */
  private async signedCollected(workflowId: string): Promise<Set<string>> {
    const rows: { kelurahanCode: string }[] = await this.dataSource.query(
      `SELECT DISTINCT d.kelurahan_code AS "kelurahanCode"
         FROM document_signed_copy c JOIN generated_document d ON d.id = c.document_id
        WHERE d.workflow_id = $1 AND d.kelurahan_code IS NOT NULL`,
      [workflowId],
    );
    return new Set(rows.map((r) => r.kelurahanCode));
  }

  /** The parcels the vendor delivered to the kecamatan, as the latest delivery record says. */
  private async delivered(workflowId: string): Promise<number | null> {
    const [row]: { delivered: number | null }[] = await this.dataSource.query(
      `SELECT (data->>'deliveredCount')::int AS delivered FROM sop_step_record
        WHERE workflow_id = $1 AND step = 'delivery'
        ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [workflowId],
    );
    return row?.delivered ?? null;
  }

  private async collectionDate(workflowId: string): Promise<string> {
    const [row]: { date: string }[] = await this.dataSource.query(
      `SELECT to_char(recorded_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS date
         FROM sop_step_record WHERE workflow_id = $1 AND step = 'collection-complete'
        ORDER BY recorded_at LIMIT 1`,
      [workflowId],
    );
    if (!row) throw new RangeError(`${workflowId}: the LPJ is printed once collection is complete`);
    return row.date;
  }
}
