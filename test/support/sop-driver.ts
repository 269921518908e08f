import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { requirePayloadKeys, type AppConfig } from '@salur/libs/config/app-config';
import { encryptingDataConverter } from '@salur/libs/temporal/payload-codec';
import { allocationWorkflowId, programmeWorkflowId } from '@salur/libs/domain';
import type { NotReceivedReason } from '@salur/libs/domain/receipt';
import { RECEIVED } from '@salur/libs/domain/receipt.testing';
import {
  EvidenceRepository,
  ProposalRepository,
  ReceiptRepository,
  RegionRepository,
} from '@salur/libs/persistence';
import { ContentStore } from '@salur/libs/persistence/content-store';
import type { ProposedPerson } from '@salur/libs/persistence/proposal.repository';
import { COMMANDS } from '@salur/libs/sop/commands';
import { documentFactExamplesOf } from '@salur/libs/sop/document-fact-examples';
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
import { proposedPerson, residents } from './factories';
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
    const dataConverter = encryptingDataConverter(requirePayloadKeys(config));
    return new SopDriver(new Client({ connection, dataConverter }), config, dataSource);
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

  /**
   * Sends a city-wide command. Its document facts (DOCUMENT_FACTS) default to the 2021 round's,
   * so a walk about something else need not spell them out; the payload overrides them.
   */
  city(
    command: ProgrammeCommand,
    role: Role,
    payload: Record<string, unknown> = {},
  ): Promise<ProgrammeView> {
    return this.client.workflow
      .getHandle(this.programmeId)
      .executeUpdate(programmeUpdates[command], {
        args: [{ role, actorId: `u-${role}`, payload: { ...factsOf(command), ...payload } }],
      });
  }

  /** Sends a command of one allocation, its document facts defaulted as city() does. */
  async act(
    kecamatanCode: string,
    command: AllocationCommand,
    role: Role,
    payload: Record<string, unknown> = {},
    updateId?: string,
  ): Promise<AllocationView> {
    const facts = factsOf(command);
    // A complaint arises in a kelurahan of this allocation that received parcels.
    if ('kelurahanCode' in facts && !('kelurahanCode' in payload)) {
      const { kelurahan } = await this.status(kecamatanCode);
      facts.kelurahanCode = kelurahan.listed[0];
    }
    return this.client.workflow
      .getHandle(this.allocationId(kecamatanCode))
      .executeUpdate(allocationUpdates[command], {
        args: [{ role, actorId: `u-${role}`, payload: { ...facts, ...payload } }],
        ...(updateId ? { updateId } : {}),
      });
  }

  /** Steps 2-3: the request letter and a batch of valid proposals from the kecamatan's kelurahan. */
  async propose(kecamatanCode: string, count: number, extra: ProposedPerson[] = []) {
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

  /**
   * Step 3: a batch of valid proposals from the kecamatan's kelurahan, then its submission.
   * Extra persons take an allowed Covid-19 impact unless they state their own, so each is
   * judged only for what the test gives it (a NIK from elsewhere, a repeated NIK).
   */
  async submitProposals(kecamatanCode: string, count: number, extra: ProposedPerson[] = []) {
    const kelurahan = (
      await new RegionRepository(this.dataSource).listKelurahan(kecamatanCode)
    ).map((k) => k.code);
    const persons = [
      ...residents(kecamatanCode, kelurahan, count),
      ...extra.map((p) => proposedPerson(p.nik, p.kelurahanCode, p)),
    ];
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
   * Step 15's receipts, as the kecamatan operator records them: everyone on the allocation's
   * BNBA received the parcel but the first `returned` persons of each kelurahan, not received
   * for `reason`. One batch a kelurahan through the receipts repository (the API's own path,
   * set-based); recording them again changes nothing. Answers each kelurahan's counts.
   */
  async recordReceipts(
    kecamatanCode: string,
    options: { returned?: number; reason?: NotReceivedReason; role?: Role } = {},
  ): Promise<Map<string, { distributedCount: number; returnedCount: number }>> {
    const workflowId = this.allocationId(kecamatanCode);
    const bnba: { kelurahanCode: string; ids: string[] }[] = await this.dataSource.query(
      `SELECT kelurahan_code AS "kelurahanCode", array_agg(recipient_id::text ORDER BY recipient_id) AS ids
         FROM kpm_bnba WHERE workflow_id = $1 GROUP BY kelurahan_code ORDER BY kelurahan_code`,
      [workflowId],
    );
    const receipts = new ReceiptRepository(this.dataSource);
    const role = options.role ?? 'kecamatan_operator';
    const returned = options.returned ?? 0;
    const counts = new Map<string, { distributedCount: number; returnedCount: number }>();
    for (const { kelurahanCode, ids } of bnba) {
      const outcome = await receipts.record({
        workflowId,
        kecamatanCode,
        kelurahanCode,
        recordedBy: `u-${role}`,
        role,
        placeOf: (index) => `receipts[${index}]`,
        entries: ids.map((recipientId, index) => ({
          person: { recipientId },
          correctsReceiptId: null,
          content:
            index < returned
              ? { ...RECEIVED, status: 'not_received', reason: options.reason ?? 'pindah' }
              : RECEIVED,
        })),
      });
      if (!outcome.ok) throw new Error(`receipts refused: ${JSON.stringify(outcome.problems)}`);
      const returnedCount = Math.min(returned, ids.length);
      counts.set(kelurahanCode, { distributedCount: ids.length - returnedCount, returnedCount });
    }
    return counts;
  }

  /**
   * Step 15: the receipts of every kelurahan on the BAST/BNBA (recordReceipts), then each
   * kelurahan's RECORD_DISTRIBUTION with the counts they add up to; ends at monev.
   */
  async distribute(
    kecamatanCode: string,
    options: Parameters<SopDriver['recordReceipts']>[1] = {},
  ): Promise<AllocationView> {
    const counts = await this.recordReceipts(kecamatanCode, options);
    let view = await this.status(kecamatanCode);
    for (const kelurahanCode of view.kelurahan.listed) {
      const { distributedCount, returnedCount } = counts.get(kelurahanCode) ?? {
        distributedCount: 0,
        returnedCount: 0,
      };
      view = await this.act(kecamatanCode, 'RECORD_DISTRIBUTION', 'kecamatan_operator', {
        kelurahanCode,
        distributedCount,
        ...(returnedCount > 0 ? { returnedCount } : {}),
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

/** A copy of the example facts of the command's event, for the driver to send. */
function factsOf(command: AllocationCommand | ProgrammeCommand): Record<string, unknown> {
  return structuredClone({ ...documentFactExamplesOf(COMMANDS[command].event) });
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
