import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@salur/libs/domain/auth';
import { DomainError, ValidationFailed } from '@salur/libs/domain/errors';
import type { ReceiptFilters } from '@salur/libs/domain/list-specs';
import type { Page } from '@salur/libs/domain/listing';
import {
  bilingual,
  parseReceiptRequest,
  receiptsRefused,
  receiptWindowRefusal,
  sumReconciliations,
  type ReceiptEntry,
} from '@salur/libs/domain/receipt';
import type { ReadScope, ScopedListQuery } from '@salur/libs/domain/read-scope';
import { readReceiptSheet } from '@salur/libs/import/receipt-sheet';
import {
  ReceiptListRepository,
  ReceiptRepository,
  RegionRepository,
  type KelurahanReconciliationRow,
  type ReceiptListItem,
  type ReceiptWriteProblem,
} from '@salur/libs/persistence';
import { AllocationsService } from '../allocations/allocations.service';

/** What the upload interceptor leaves on disk for one file (a subset of multer's file). */
export interface ReceivedSheet {
  readonly path: string;
  readonly size: number;
}

interface Target {
  readonly workflowId: string;
  readonly kecamatanCode: string;
  readonly kelurahanCode: string;
}

/**
 * KPM receipts (docs/receipts.md). The guard has checked role and area (a kelurahan operator
 * only for its kelurahan); this service checks the request, that the allocation is between
 * step 15 and the end of collection, and hands the batch to the repository, which writes all
 * of it or none. Logs name the allocation, kelurahan and counts: never a person.
 */
@Injectable()
export class ReceiptsService {
  private readonly logger = new Logger('Receipts');

  constructor(
    private readonly allocations: AllocationsService,
    private readonly regions: RegionRepository,
    private readonly receipts: ReceiptRepository,
    private readonly lists: ReceiptListRepository,
  ) {}

  async record(allocationId: string, kelurahanCode: string, body: unknown, user: AuthUser) {
    const entries = parseReceiptRequest(body);
    const target = await this.open(allocationId, kelurahanCode);
    const outcome = await this.receipts.record({
      ...target,
      recordedBy: user.id,
      role: user.role,
      entries,
      placeOf: (index) => `receipts[${index}]`,
    });
    if (!outcome.ok) {
      throw receiptsRefused(
        outcome.problems.map((p) => ({
          field: `receipts[${p.index}].${fieldOf(p, entries[p.index])}`,
          reason: p.reason,
          conflict: p.conflict,
        })),
      );
    }
    this.logger.log(
      `Receipts for ${allocationId} kelurahan ${kelurahanCode}: ${outcome.recorded} recorded, ` +
        `${outcome.unchanged} already recorded`,
    );
    return {
      allocationId,
      kelurahanCode,
      recorded: outcome.recorded,
      unchanged: outcome.unchanged,
      receipts: outcome.receipts,
      kelurahan: await this.figures(target),
    };
  }

  /** The signed BNBA as XLSX; whatever happens, the spooled file is removed afterwards. */
  async upload(
    allocationId: string,
    kelurahanCode: string,
    upload: ReceivedSheet | undefined,
    user: AuthUser,
  ) {
    try {
      if (!upload) {
        throw new ValidationFailed([
          {
            field: 'file',
            reason: bilingual(
              'wajib: kirim BNBA bertanda tangan (.xlsx) sebagai field multipart "file"',
              'is required: send the signed BNBA (.xlsx) as multipart field "file"',
            ),
          },
        ]);
      }
      const target = await this.open(allocationId, kelurahanCode);
      const sheet = await readReceiptSheet(createReadStream(upload.path));
      const rows = sheet.rows;
      const batch = {
        ...target,
        recordedBy: user.id,
        role: user.role,
        entries: rows.map((row) => ({
          ...('printed' in row
            ? { person: { printed: row.printed } }
            : { person: { nik: row.nik }, nikFromNumber: row.nikFromNumber }),
          content: row.content,
          correctsReceiptId: null,
        })),
        placeOf: (index: number) =>
          bilingual(`baris ${rows[index].line}`, `line ${rows[index].line}`),
      };
      const placed = (problems: readonly ReceiptWriteProblem[]) =>
        problems.map((p) => ({
          line: rows[p.index].line,
          field: p.column ?? (p.field === 'person' ? 'nik' : p.field),
          reason: p.reason,
          conflict: p.conflict,
        }));
      // Every bad row at once: the well-formed rows of a file with bad ones are checked too.
      if (sheet.problems.length > 0) {
        const others = rows.length > 0 ? placed(await this.receipts.check(batch)) : [];
        throw receiptsRefused(
          [...sheet.problems, ...others].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
        );
      }
      const outcome = await this.receipts.recordUpload(batch, {
        sha256: sheet.sha256,
        rowCount: sheet.rowCount,
        unmarked: sheet.unmarked,
      });
      if (!outcome.ok) throw receiptsRefused(placed(outcome.problems));
      this.logger.log(
        `Signed BNBA for ${allocationId} kelurahan ${kelurahanCode}: ` +
          (outcome.alreadyImported
            ? 'the same file was recorded before, nothing changed'
            : `${outcome.recorded} recorded, ${outcome.unchanged} already recorded, ${outcome.unmarked} not marked`),
      );
      return {
        allocationId,
        kelurahanCode,
        alreadyImported: outcome.alreadyImported,
        uploadId: outcome.uploadId,
        rowCount: outcome.rowCount,
        recorded: outcome.recorded,
        unchanged: outcome.unchanged,
        unmarked: outcome.unmarked,
        sha256: sheet.sha256,
        kelurahan: await this.figures(target),
      };
    } finally {
      if (upload) await unlink(upload.path).catch(() => undefined);
    }
  }

  async list(
    allocationId: string,
    query: ScopedListQuery<ReceiptFilters>,
  ): Promise<Page<ReceiptListItem>> {
    await this.allocations.status(allocationId);
    return this.lists.list(allocationId, query);
  }

  /**
   * Per kelurahan on the BNBA, and for the kecamatan their sum; a kelurahan operator sees its
   * own kelurahan's only (its scope), and the totals are then that kelurahan's.
   */
  async reconciliation(allocationId: string, scope: ReadScope) {
    const view = await this.allocations.status(allocationId);
    const own = scope.kind === 'kecamatan' ? scope.kelurahanCode : undefined;
    const kelurahan = await this.receipts.reconciliation(allocationId, view.kecamatanCode, own);
    return {
      allocationId,
      kecamatanCode: view.kecamatanCode,
      over: own ? 'kelurahan' : 'kecamatan',
      stepNo: view.stepNo,
      step: view.step,
      kelurahan,
      totals: {
        ...sumReconciliations(kelurahan),
        recordedDistributed: sum(kelurahan, (k) => k.recordedDistribution?.distributedCount),
        recordedReturned: sum(kelurahan, (k) => k.recordedDistribution?.returnedCount),
      },
    };
  }

  /** The allocation at a step that takes receipts, and the kelurahan one of its kecamatan. */
  private async open(allocationId: string, kelurahanCode: string): Promise<Target> {
    const view = await this.allocations.status(allocationId);
    const kelurahan = await this.regions.listKelurahan(view.kecamatanCode);
    if (!kelurahan.some((k) => k.code === kelurahanCode)) {
      throw new DomainError(
        'NOT_FOUND',
        bilingual(
          `Tidak ada kelurahan ${kelurahanCode} di kecamatan ${view.kecamatanCode}`,
          `No kelurahan ${kelurahanCode} in kecamatan ${view.kecamatanCode}`,
        ),
      );
    }
    const refusal = receiptWindowRefusal(view);
    if (refusal) throw refusal;
    return { workflowId: allocationId, kecamatanCode: view.kecamatanCode, kelurahanCode };
  }

  private async figures(target: Target): Promise<KelurahanReconciliationRow | null> {
    const [row] = await this.receipts.reconciliation(
      target.workflowId,
      target.kecamatanCode,
      target.kelurahanCode,
    );
    return row ?? null;
  }
}

/** The request's own name for where a problem is. */
function fieldOf(problem: ReceiptWriteProblem, entry: ReceiptEntry): string {
  if (problem.field !== 'person') return problem.field;
  return 'nik' in entry.person ? 'nik' : 'recipientId';
}

function sum<T>(rows: readonly T[], pick: (row: T) => number | undefined): number {
  return rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
}
