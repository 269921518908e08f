import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@salur/libs/config/app-config';
import { allocationWorkflowId, programmeWorkflowId } from '@salur/libs/domain';
import { EvidenceRepository, ProposalRepository, RegionRepository } from '@salur/libs/persistence';
import { ContentStore } from '@salur/libs/persistence/content-store';
import {
  KecamatanAttr,
  ProgramIdAttr,
  WorkflowTypes,
  type AllocationCommand,
  type ProgrammeCommand,
} from '@salur/libs/temporal';
import type { AllocationView } from '@salur/workflows/allocation.types';
import {
  allocationStatusQuery,
  allocationUpdates,
  programmeStatusQuery,
  programmeUpdates,
} from '@salur/libs/temporal/definitions';
import type { ProgrammeInput, ProgrammeView } from '@salur/workflows/programme.types';
import type { Role } from '@salur/workflows/sop';
import { residents } from './factories';
import { runInfra, TEST_STATE_DIR, TEST_TEMPORAL_ADDRESS } from './services';
import { testProgramId } from './test-app';

const HISTORY_DIR = join(TEST_STATE_DIR, 'histories');

/** Drives a programme through the SOP with the Temporal client, as the API does. */
export class SopDriver {
  readonly programId = testProgramId();
  private constructor(
    readonly client: Client,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  static async connect(config: AppConfig, dataSource: DataSource): Promise<SopDriver> {
    const connection = await Connection.connect({ address: config.temporal.address });
    return new SopDriver(new Client({ connection }), config, dataSource);
  }

  async close(): Promise<void> {
    await this.client.connection.close();
  }

  get programmeId(): string {
    return programmeWorkflowId(this.programId);
  }

  allocationId(kecamatanCode: string): string {
    return allocationWorkflowId(this.programId, kecamatanCode);
  }

  async startProgramme(
    allocations: ProgrammeInput['allocations'],
    options: { maxHistoryEvents?: number } = {},
  ): Promise<void> {
    await this.client.workflow.start(WorkflowTypes.programme, {
      workflowId: this.programmeId,
      taskQueue: this.config.temporal.taskQueue,
      args: [
        {
          programId: this.programId,
          allocations,
          timing: {
            stepSlaMs: this.config.sop.stepSlaMs,
            slaByStepMs: this.config.sop.slaByStepMs,
            deliveryGraceMs: this.config.sop.deliveryGraceMs,
          },
          ...options,
        } satisfies ProgrammeInput,
      ],
      typedSearchAttributes: [{ key: ProgramIdAttr, value: this.programId }],
    });
    await eventually(async () => {
      const view = await this.programme();
      if (!view.allocations.every((a) => a.allowed.includes('SEND_QUOTA_LETTER'))) {
        throw new Error('allocations not started yet');
      }
    });
  }

  programme(): Promise<ProgrammeView> {
    return this.client.workflow.getHandle(this.programmeId).query(programmeStatusQuery);
  }

  status(kecamatanCode: string): Promise<AllocationView> {
    return this.client.workflow
      .getHandle(this.allocationId(kecamatanCode))
      .query(allocationStatusQuery);
  }

  city(
    command: ProgrammeCommand,
    role: Role,
    payload: Record<string, unknown> = {},
  ): Promise<ProgrammeView> {
    return this.client.workflow
      .getHandle(this.programmeId)
      .executeUpdate(programmeUpdates[command], {
        args: [{ role, actorId: `u-${role}`, payload }],
      });
  }

  act(
    kecamatanCode: string,
    command: AllocationCommand,
    role: Role,
    payload: Record<string, unknown> = {},
    updateId?: string,
  ): Promise<AllocationView> {
    return this.client.workflow
      .getHandle(this.allocationId(kecamatanCode))
      .executeUpdate(allocationUpdates[command], {
        args: [{ role, actorId: `u-${role}`, payload }],
        ...(updateId ? { updateId } : {}),
      });
  }

  /** Steps 2-3: the request letter and a batch of valid proposals from the kecamatan's kelurahan. */
  async propose(
    kecamatanCode: string,
    count: number,
    extra: { nik: string; kelurahanCode: string }[] = [],
  ) {
    await this.submitRequestLetter(kecamatanCode);
    return this.submitProposals(kecamatanCode, count, extra);
  }

  /** Step 2: the kecamatan's request letter, acknowledged by the Camat. */
  submitRequestLetter(kecamatanCode: string): Promise<AllocationView> {
    return this.act(kecamatanCode, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', {
      letterNo: `460/${kecamatanCode}/2021`,
      letterDate: '2021-07-12',
      acknowledgedByCamat: true,
    });
  }

  /** Step 3: a batch of valid proposals from the kecamatan's kelurahan, then its submission. */
  async submitProposals(
    kecamatanCode: string,
    count: number,
    extra: { nik: string; kelurahanCode: string }[] = [],
  ) {
    const kelurahan = (
      await new RegionRepository(this.dataSource).listKelurahan(kecamatanCode)
    ).map((k) => k.code);
    const persons = [...residents(kecamatanCode, kelurahan, count), ...extra];
    const { batchId, proposedCount } = await new ProposalRepository(this.dataSource).createBatch({
      programId: this.programId,
      kecamatanCode,
      workflowId: this.allocationId(kecamatanCode),
      persons,
    });
    await this.act(kecamatanCode, 'SUBMIT_PROPOSALS', 'kecamatan_operator', {
      batchId,
      proposedCount,
    });
    return { batchId, kelurahan };
  }

  /** Steps 8-12 for the whole order, with no inspection failure. */
  async packAndInspect(kecamatanCode: string): Promise<AllocationView> {
    const { counts } = await this.status(kecamatanCode);
    await this.act(kecamatanCode, 'REPORT_PACKING', 'rekanan', { packedCount: counts.accepted });
    await this.act(kecamatanCode, 'DECLARE_PACKED', 'rekanan');
    await this.act(kecamatanCode, 'COORDINATE_READINESS', 'tim_pemeriksa', {
      readyDate: '2021-07-20',
    });
    await this.act(kecamatanCode, 'VENDOR_READY', 'rekanan');
    await this.act(kecamatanCode, 'INSPECT', 'tim_pemeriksa', {
      inspectionId: `BA-${randomUUID().slice(0, 8)}`,
      inspectedCount: counts.accepted,
      passedCount: counts.accepted,
    });
    return this.act(kecamatanCode, 'HAND_OVER', 'tim_pemeriksa', {
      handedOverCount: counts.accepted,
    });
  }

  /**
   * Saves the event histories of this programme's workflows under .data/test/histories,
   * from where new replay fixtures are copied into test/fixtures/histories.
   */
  saveHistories(name: string, kecamatanCodes: string[]): void {
    mkdirSync(HISTORY_DIR, { recursive: true });
    const ids = [this.programmeId, ...kecamatanCodes.map((k) => this.allocationId(k))];
    for (const [index, id] of ids.entries()) {
      const file = join(
        HISTORY_DIR,
        `${name}-${index === 0 ? 'programme' : kecamatanCodes[index - 1]}.json`,
      );
      // The CLI writes the standard history JSON that Web UI downloads and replayers read.
      const json = execFileSync(
        runInfra('temporal', 'bin').trim(),
        [
          'workflow',
          'show',
          '--workflow-id',
          id,
          '--address',
          TEST_TEMPORAL_ADDRESS,
          '--output',
          'json',
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      writeFileSync(file, json);
    }
  }

  async kelurahanOf(kecamatanCode: string): Promise<string[]> {
    return (await new RegionRepository(this.dataSource).listKelurahan(kecamatanCode)).map(
      (k) => k.code,
    );
  }

  /**
   * Step 15: every delivered parcel distributed, spread over the kelurahan on the BAST/BNBA
   * lists (those with recipients); ends at monev.
   */
  async distribute(kecamatanCode: string): Promise<AllocationView> {
    const status = await this.status(kecamatanCode);
    const listed = status.kelurahan.listed;
    let left = status.counts.delivered;
    let view = status;
    for (const [index, code] of listed.entries()) {
      const share =
        index === listed.length - 1 ? left : Math.floor(status.counts.delivered / listed.length);
      left -= share;
      view = await this.act(kecamatanCode, 'RECORD_DISTRIBUTION', 'kecamatan_operator', {
        kelurahanCode: code,
        distributedCount: share,
      });
    }
    return view;
  }

  /**
   * Step 17's precondition: the kelurahan's signed BAST and BNBA, scanned and attached as
   * evidence (`signed_bast`), as the API's upload would store it. Returns the evidence id.
   */
  async uploadSignedScan(kecamatanCode: string, kelurahanCode: string): Promise<string> {
    const store = new ContentStore(this.config.evidence.dir);
    const scan = Buffer.from(`%PDF-1.4\n% BAST ${kelurahanCode} ${randomUUID()}\n%%EOF\n`);
    const received = await store.receive(Readable.from([scan]));
    const { evidence } = await new EvidenceRepository(this.dataSource).recordOnce(
      {
        workflowId: this.allocationId(kecamatanCode),
        kecamatanCode,
        kelurahanCode,
        kind: 'signed_bast',
        mediaType: 'application/pdf',
        sizeBytes: received.size,
        sha256: received.sha256,
        originalName: 'bast.pdf',
        uploadedBy: 'u-kelurahan_operator',
        role: 'kelurahan_operator',
        note: null,
      },
      () => store.commit(received),
    );
    return evidence.id;
  }

  /** Step 17 for one kelurahan: its scan attached, then RECORD_SIGNED_BAST. */
  async collectSignedBast(
    kecamatanCode: string,
    kelurahanCode: string,
    role: Role = 'kelurahan_operator',
  ): Promise<AllocationView> {
    await this.uploadSignedScan(kecamatanCode, kelurahanCode);
    return this.act(kecamatanCode, 'RECORD_SIGNED_BAST', role, { kelurahanCode });
  }

  /** Steps 15-17: distribution to every listed kelurahan, monev, and collection of every BAST. */
  async distributeAndClose(kecamatanCode: string): Promise<AllocationView> {
    await this.distribute(kecamatanCode);
    const { kelurahan } = await this.act(kecamatanCode, 'SIGN_OFF_MONEV', 'tim_monev', {
      reportNo: `MONEV-${kecamatanCode}`,
    });
    for (const code of kelurahan.listed) {
      await this.collectSignedBast(kecamatanCode, code);
    }
    return this.act(kecamatanCode, 'COMPLETE_COLLECTION', 'tim_data', {
      recapId: `RECAP-${kecamatanCode}`,
    });
  }

  async searchAttributes(kecamatanCode: string) {
    const description = await this.client.workflow
      .getHandle(this.allocationId(kecamatanCode))
      .describe();
    return {
      attributes: description.typedSearchAttributes,
      kecamatan: description.typedSearchAttributes.get(KecamatanAttr),
    };
  }
}

/** The refusal a failed update carries: its type, message and details. */
export async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause) {
      const cause = error.cause as { type?: string; message: string; details?: unknown[] };
      return {
        type: cause.type,
        message: cause.message,
        details: cause.details?.[0] as Record<string, unknown>,
      };
    }
    throw error;
  }
  throw new Error('expected the update to be refused');
}

export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
