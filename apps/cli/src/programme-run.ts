import { readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MAX_RECEIPTS_PER_REQUEST } from '@salur/libs/domain/receipt';
import { seededRandom, syntheticNik } from '@salur/libs/domain/synthetic';
import type { UserRole } from '@salur/libs/domain/auth';
import type {
  AllocationView as View,
  ProgrammeView,
} from '@salur/libs/temporal/workflow-contracts';
import { writeSyntheticFiles } from '@salur/libs/synthetic/files';
import { ApiClient, ApiError } from './api-client';
import type { RetryPolicy } from './retry';
import type { Progress } from './progress';
import { DEMO_PASSWORD, DEMO_VENDOR_ID, demoUsername } from './seed-demo-users';
import { DOCUMENT_FACT_EXAMPLES as FACTS } from '@salur/libs/sop/document-fact-examples';

/**
 * The main job's work: runs a JPS programme for Kota Semarang through the API, every step by
 * its own role: the quota letter to the 16 kecamatan, the exclusion registers, proposal files
 * from the synthetic generator (with invalid, non-resident, excluded and duplicate persons)
 * uploaded through the import endpoint, verval with the returned persons corrected or
 * withdrawn, the SK, the SPK, packing with one failed inspection, scheduled deliveries,
 * each family's receipt and the distribution to every kelurahan on the BAST, monev with
 * complaints, and collection of every signed BAST. The demo users must exist (seed-demo-users).
 */
const ALL_KECAMATAN = [
  '33.74.01',
  '33.74.02',
  '33.74.03',
  '33.74.04',
  '33.74.05',
  '33.74.06',
  '33.74.07',
  '33.74.08',
  '33.74.09',
  '33.74.10',
  '33.74.11',
  '33.74.12',
  '33.74.13',
  '33.74.14',
  '33.74.15',
  '33.74.16',
];

interface Returned {
  recipientId: string;
  kelurahanCode: string;
  reasons: string[];
}

export interface ProgrammeRunOptions {
  /** Where the API answers, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  programId: string;
  /** Proposed residents per kecamatan, from the synthetic generator. */
  persons: number;
  /** Which kecamatan take part; all 16 by default. */
  kecamatan?: readonly string[];
  /** Where the generated proposal and register files are written. */
  workDir: string;
  /** Generator seed: the same seed proposes the same people. */
  seed?: number;
  /** Bars on a terminal, lines otherwise. */
  progress: Progress;
  /** Kecamatan worked on at the same time, as their operators would. */
  concurrency?: number;
  /**
   * Continue a programme an earlier run started: every step the API reports as done is
   * skipped, so a crashed or killed main job picks up where the programme is.
   */
  resume?: boolean;
  /** How long transient failures (API, PostgreSQL or Temporal restarting) are retried. */
  retry?: RetryPolicy;
}

export interface ProgrammeSummaryRow {
  kecamatan: string;
  step: string;
  proposed: number;
  returned: number;
  corrected: number;
  withdrawn: number;
  accepted: number;
  verval_rounds: number;
  failed_inspections: number;
  delivered: number;
  distributed: number;
  complaints: number;
  /** Generated papers in force (BNBA PDF and XLSX, BAST) and of those, BASTs signed back. */
  /** Current papers of its kelurahan (BNBA PDF and XLSX, BAST) and of the kecamatan. */
  kelurahan_papers: number;
  kecamatan_papers: number;
  bast_signed: number;
  stuck: string;
}

/** GET /allocations/:id/documents, as far as the job reads it. */
interface AllocationDocuments {
  kecamatan: { kind: string; current: boolean }[];
  kelurahan: {
    kelurahanCode: string;
    documents: { kind: string; current: boolean; contentUrl: string; signed: unknown[] }[];
  }[];
}

/** What happened to one kecamatan's proposals on their way to the SK. */
interface VervalOutcome {
  returned: number;
  corrected: number;
}

const REGISTER_VALID_ON = '2021-07-01';

/**
 * Runs the whole programme through the API and returns one summary row per kecamatan.
 * Every request is made by the role the SOP names for it, with that user's token.
 */
export async function runProgramme(options: ProgrammeRunOptions): Promise<ProgrammeSummaryRow[]> {
  const { programId, persons, progress } = options;
  if (!Number.isInteger(persons) || persons < 10) {
    throw new Error('--persons must be a whole number >= 10');
  }
  const KECAMATAN = options.kecamatan ?? ALL_KECAMATAN;
  const concurrency = options.concurrency ?? 4;
  const resume = options.resume ?? false;
  const anonymous = new ApiClient(options.baseUrl, undefined, {
    retry: options.retry,
    onRetry: ({ method, path, reason, delayMs }) =>
      progress.note(`  retrying ${method} ${path} in ${delayMs} ms (${reason})`),
  });
  // Each role logs in once as its demo user (npm run seed:demo-users); a kecamatan
  // operator per kecamatan. The API takes who acts from the token, never from the body.
  const clients = new Map<string, Promise<ApiClient>>();
  const as = (role: UserRole, kec?: string): Promise<ApiClient> => {
    const username = demoUsername(role, role === 'kecamatan_operator' ? kec : undefined);
    if (!clients.has(username)) clients.set(username, anonymous.login(username, DEMO_PASSWORD));
    return clients.get(username)!;
  };
  const admin = await as('dinsos_admin');
  const seed = options.seed ?? 2021;
  const programme = `/programmes/programme-${programId}`;
  const allocation = (kec: string) => `/allocations/allocation-${programId}-${kec}`;
  // Every command carries an Idempotency-Key made from what it is (programme, kecamatan,
  // command, round or kelurahan), so a retry, or a resumed run sending it again, applies once.
  const act = async (
    kec: string,
    command: string,
    role: UserRole,
    payload: Record<string, unknown> = {},
    occurrence = '1',
  ) =>
    (await as(role, kec)).post<View>(
      `${allocation(kec)}/commands/${command}`,
      { payload },
      { idempotencyKey: `${programId}/${kec}/${command}/${occurrence}` },
    );
  const view = (kec: string) => admin.get<View>(allocation(kec));
  /** Whether the allocation has not yet gone past `stepNo` (always true on a fresh run). */
  const upTo = async (kec: string, stepNo: number) => {
    if (!resume) return true;
    const current = await view(kec);
    return !current.done && current.stepNo <= stepNo;
  };
  /**
   * A city-wide decision, sent when every allocation waits for it. On a resumed run it is
   * skipped when they do not: it was made before.
   */
  const city = async (command: string, role: UserRole, payload: Record<string, unknown>) => {
    if (resume) {
      const { allocations } = await admin.get<ProgrammeView>(programme);
      if (!allocations.every((a) => a.allowed.includes(command))) return;
    }
    await (
      await as(role)
    ).post(
      `${programme}/commands/${command}`,
      { payload },
      {
        idempotencyKey: `${programId}/${command}`,
      },
    );
  };

  // Quotas leave room for everyone valid, so only verval's own reasons return people.
  const quota = persons;
  progress.note(
    `Programme ${programId}: ${KECAMATAN.length} kecamatan, ${persons.toLocaleString('en')} proposed residents each`,
  );
  if (resume) {
    // Fails (404) unless an earlier run created it.
    await admin.get(programme);
  } else {
    try {
      await admin.post('/programmes', {
        programId,
        allocations: KECAMATAN.map((kecamatanCode) => ({ kecamatanCode, quota })),
      });
    } catch (error) {
      // A retried create that finds the programme: our own first try made it.
      if (!(error instanceof ApiError && error.status === 409 && error.retried)) throw error;
    }
    await waitFor(async () => {
      const started = await admin.get<ProgrammeView>(programme);
      return started.allocations.every((a) => a.allowed.includes('SEND_QUOTA_LETTER'));
    });
  }
  await city('SEND_QUOTA_LETTER', 'dinsos_admin', { letterNo: '460/2101/VII/2021' });
  const quotaPhase = progress.phase('1 quota letter', KECAMATAN.length, 'kecamatan');
  quotaPhase.advance(KECAMATAN.length);
  quotaPhase.finish(`quota ${quota.toLocaleString('en')} each`);

  const kelurahan = new Map<string, string[]>();
  for (const kec of KECAMATAN) {
    const operator = await as('kecamatan_operator', kec);
    const list = await operator.get<{ code: string }[]>(`/kecamatan/${kec}/kelurahan`);
    kelurahan.set(
      kec,
      list.map((k) => k.code),
    );
  }
  const files = await writeSyntheticFiles(
    options.workDir,
    KECAMATAN.map((kecamatanCode) => ({
      kecamatanCode,
      kelurahanCodes: kelurahan.get(kecamatanCode)!,
      count: persons,
    })),
    { seed, registerNoise: persons * KECAMATAN.length },
  );

  // The data team loads this month's exclusion registers before verval.
  const timData = await as('tim_data');
  const registerPhase = progress.phase(
    '  exclusion registers loaded',
    files.registers.size,
    'registers',
  );
  let registerNiks = 0;
  // Resumed past verval everywhere: the registers were read already.
  const registersNeeded =
    !resume || (await Promise.all(KECAMATAN.map((kec) => upTo(kec, 4)))).some(Boolean);
  for (const [register, file] of registersNeeded ? files.registers : []) {
    await timData.uploadFile(`/exclusion-registers/${register}/import`, file.path, {
      versionLabel: `${register} Juli 2021`,
      validOn: REGISTER_VALID_ON,
      source: `Data ${register} Kemensos, ${REGISTER_VALID_ON}`,
    });
    registerNiks += file.rows;
    registerPhase.advance();
  }
  registerPhase.finish(`${registerNiks.toLocaleString('en')} NIKs`);

  const importPhase = progress.phase('2-3 proposals imported', files.personCount, 'rows');
  let refusedFirst = '';
  await inParallel(KECAMATAN, concurrency, async (kec, index) => {
    const operator = await as('kecamatan_operator', kec);
    const letter = { letterNo: `460/${kec}/2021`, letterDate: '2021-07-12' };
    if (await upTo(kec, 2)) {
      await act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', {
        ...letter,
        acknowledgedByCamat: true,
        ...FACTS.SUBMIT_REQUEST_LETTER,
      });
    }
    const file = files.proposals.get(kec)!;
    if (!(await upTo(kec, 3))) {
      importPhase.advance(persons);
      return;
    }
    const fields = { ...letter, acknowledgedByCamat: 'true' };
    if (index === 0 && !resume) {
      // An operator's first try has a NIK Excel shortened: the file is refused whole.
      refusedFirst = await uploadRefused(
        operator,
        `${allocation(kec)}/proposals/import`,
        file.path,
        fields,
      );
    }
    const batch = await operator.uploadFile<{ batchId: string; proposedCount: number }>(
      `${allocation(kec)}/proposals/import`,
      file.path,
      fields,
    );
    await act(kec, 'SUBMIT_PROPOSALS', 'kecamatan_operator', {
      batchId: batch.batchId,
      proposedCount: batch.proposedCount,
    });
    importPhase.advance(batch.proposedCount);
  });
  importPhase.finish(refusedFirst && `first try of ${KECAMATAN[0]} refused: ${refusedFirst}`);

  const vervalPhase = progress.phase('4 verval, returns fixed', KECAMATAN.length, 'kecamatan');
  const outcomes = new Map<string, VervalOutcome>();
  await inParallel(KECAMATAN, concurrency, async (kec, index) => {
    const operator = await as('kecamatan_operator', kec);
    const random = seededRandom(seed * 100 + index);
    const outcome: VervalOutcome = { returned: 0, corrected: 0 };
    // Driven by the state the API reports, so a resumed run takes it up at any point: a batch
    // under review is verified; persons returned are fixed from the KTP (a NIK typed wrong,
    // first round) or withdrawn, and the corrections go back under review.
    let current = await view(kec);
    while (!current.done && current.stepNo === 4) {
      const allowed = (type: string) => current.allowedEvents.some((e) => e.type === type);
      if (allowed('VERVAL_COMPLETED')) {
        current = await act(kec, 'RUN_VERVAL', 'tim_data', {}, `${current.vervalRounds + 1}`);
      } else if (allowed('RESUBMIT_CORRECTIONS')) {
        const returned = await operator.get<Returned[]>(`${allocation(kec)}/returned`);
        outcome.returned += returned.length;
        const firstRound = current.vervalRounds === 1;
        await inParallel(returned, 4, async (person) => {
          const path = `${allocation(kec)}/returned/${person.recipientId}`;
          if (firstRound && person.reasons.includes('NIK_INVALID')) {
            await settled(
              operator.post(`${path}/correct`, {
                nik: syntheticNik(kec, random),
                kelurahanCode: person.kelurahanCode,
              }),
            );
            outcome.corrected++;
          } else {
            await settled(operator.post(`${path}/withdraw`, {}));
          }
        });
        current = await act(
          kec,
          'RESUBMIT_CORRECTIONS',
          'kecamatan_operator',
          {},
          `${current.vervalRounds}`,
        );
      } else {
        throw new Error(`allocation ${kec} waits at verval for no command this job sends`);
      }
    }
    outcomes.set(kec, outcome);
    vervalPhase.advance();
  });
  const returnedTotal = [...outcomes.values()].reduce((sum, o) => sum + o.returned, 0);
  vervalPhase.finish(`${returnedTotal.toLocaleString('en')} returned to the kecamatan and fixed`);

  const documentsPhase = progress.phase(
    '5-7 SK, BAST/BNBA, SPK',
    KECAMATAN.length + 3,
    'documents',
  );
  await city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-DRAFT-2021-1', ...FACTS.DRAFT_SK });
  documentsPhase.advance();
  await city('APPROVE_SK', 'sk_approver', { skNo: '463/447/2021' });
  documentsPhase.advance();
  const listed = new Map<string, string[]>();
  await inParallel(KECAMATAN, concurrency, async (kec) => {
    const printed = (await upTo(kec, 6))
      ? await act(kec, 'PRINT_BAST_BNBA', 'tim_data')
      : await view(kec);
    listed.set(kec, printed.kelurahan.listed);
    documentsPhase.advance();
  });
  // The demo rekanan's vendor: a rekanan sees and packs only what its SPK names.
  await city('SIGN_SPK', 'tim_pengadaan', {
    spkNo: '027/SPK/JPS/2021',
    vendorId: DEMO_VENDOR_ID,
    ...FACTS.SIGN_SPK,
  });
  documentsPhase.advance();
  documentsPhase.finish('SK 463/447/2021 signed, SPK 027/SPK/JPS/2021');

  const deliveryPhase = progress.phase(
    '8-17 packing to BAST collection',
    KECAMATAN.length,
    'kecamatan',
  );
  await inParallel(KECAMATAN, concurrency, async (kec, index) => {
    const start = await view(kec);
    const ordered = start.counts.accepted;
    if (await upTo(kec, 11)) await packAndInspect(kec, ordered, index === 0 ? 2 : 0);
    if (await upTo(kec, 12)) {
      await act(kec, 'HAND_OVER', 'tim_pemeriksa', { handedOverCount: ordered });
    }
    if (await upTo(kec, 13)) {
      await act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', {
        deliveryDate: `2021-07-${String(22 + (index % 6)).padStart(2, '0')}`,
        ...FACTS.SCHEDULE_DELIVERY,
      });
    }
    if (await upTo(kec, 14)) {
      await act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: ordered });
    }

    const codes = listed.get(kec)!;
    const { kelurahan: done } = await view(kec);
    if (await upTo(kec, 15)) {
      // Each kelurahan's count is its receipts': RECORD_DISTRIBUTION is refused otherwise.
      const figures = await recordReceipts(kec, codes);
      for (const code of codes) {
        if (done.distributed.includes(code)) continue;
        const { distributed, returned } = figures.get(code) ?? { distributed: 0, returned: 0 };
        await act(
          kec,
          'RECORD_DISTRIBUTION',
          'kecamatan_operator',
          { kelurahanCode: code, distributedCount: distributed, returnedCount: returned },
          code,
        );
      }
    }
    if (await upTo(kec, 16)) await monev(kec, index % 4 === 0);
    // Each kelurahan's BAST, generated at step 6, comes back signed: the job downloads it and
    // attaches it as the scan (a stand-in for the signed paper) before recording it collected.
    const operator = await as('kecamatan_operator', kec);
    const papers = await operator.get<AllocationDocuments>(`${allocation(kec)}/documents`);
    for (const code of codes) {
      if (!(await upTo(kec, 17)) || done.bastCollected.includes(code)) continue;
      const bast = papers.kelurahan
        .find((k) => k.kelurahanCode === code)
        ?.documents.find((d) => d.kind === 'bast' && d.current);
      if (!bast) throw new Error(`no BAST was generated for kelurahan ${code} at step 6`);
      await operator.upload(
        `${allocation(kec)}/evidence`,
        await operator.download(bast.contentUrl),
        `BAST-${code}.pdf`,
        { kind: 'signed_bast', kelurahanCode: code, note: 'BAST ditandatangani lurah' },
      );
      await act(kec, 'RECORD_SIGNED_BAST', 'kecamatan_operator', { kelurahanCode: code }, code);
    }
    if (await upTo(kec, 17)) {
      await act(kec, 'COMPLETE_COLLECTION', 'tim_data', { recapId: `REKAP-${kec}` });
    }
    deliveryPhase.advance();
  });
  deliveryPhase.finish('one inspection failed and was re-packed; every signed BAST scanned');

  /**
   * Step 15's receipts: every family on each kelurahan's BNBA received its parcel. The persons
   * still without a receipt are read a page at a time (record ids and masked NIKs only) and
   * recorded in one request a kelurahan, which the API writes set-based; a retried or resumed
   * request changes nothing. Answers the kelurahan's figures as the API reconciles them.
   */
  async function recordReceipts(
    kec: string,
    codes: readonly string[],
  ): Promise<Map<string, { distributed: number; returned: number }>> {
    const operator = await as('kecamatan_operator', kec);
    for (const code of codes) {
      const pending: string[] = [];
      let cursor: string | null = null;
      do {
        const query = `kelurahan=${code}&status=none&limit=200`;
        const page: { items: { recipientId: string }[]; nextCursor: string | null } =
          await operator.get(
            `${allocation(kec)}/receipts?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
        pending.push(...page.items.map((item) => item.recipientId));
        cursor = page.nextCursor;
      } while (cursor);
      for (let i = 0; i < pending.length; i += MAX_RECEIPTS_PER_REQUEST) {
        const receipts = pending
          .slice(i, i + MAX_RECEIPTS_PER_REQUEST)
          .map((recipientId) => ({ recipientId, status: 'received' }));
        await operator.post(`${allocation(kec)}/kelurahan/${code}/receipts`, { receipts });
      }
    }
    const { kelurahan: figures } = await operator.get<{
      kelurahan: { kelurahanCode: string; distributed: number; returned: number }[];
    }>(`${allocation(kec)}/receipts/reconciliation`);
    return new Map(figures.map((k) => [k.kelurahanCode, k]));
  }

  /** Steps 8-12; `damaged` parcels fail the first inspection and are packed again. */
  async function packAndInspect(kec: string, ordered: number, damaged: number): Promise<void> {
    // A resumed run starts at the round after the last failed inspection, packing its shortfall.
    const { inspectionFailures } = await view(kec);
    const lastFailure = inspectionFailures.at(-1) as { shortfall: number } | undefined;
    let toPack = lastFailure ? lastFailure.shortfall : ordered;
    for (let round = inspectionFailures.length + 1; toPack > 0; round++) {
      const n = `${round}`;
      if (await upTo(kec, 8)) {
        await act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: toPack }, n);
        await act(kec, 'DECLARE_PACKED', 'rekanan', {}, n);
      }
      if (await upTo(kec, 9)) {
        await act(
          kec,
          'COORDINATE_READINESS',
          'tim_pemeriksa',
          { readyDate: `2021-07-${19 + round}` },
          n,
        );
      }
      if (await upTo(kec, 10)) await act(kec, 'VENDOR_READY', 'rekanan', {}, n);
      const failed = round === 1 ? damaged : 0;
      const inspectionId = `BA-${kec}-${round}`;
      if (failed > 0) {
        // The failed inspection's signed berita acara goes on file with the allocation.
        const inspector = await as('tim_pemeriksa');
        await inspector.upload(
          `${allocation(kec)}/evidence`,
          scanOf(`${programId}-${inspectionId}`),
          `${inspectionId}.pdf`,
          {
            kind: 'signed_ba_inspection',
            note: `${failed} paket rusak`,
          },
        );
      }
      await act(
        kec,
        'INSPECT',
        'tim_pemeriksa',
        {
          inspectionId,
          inspectedCount: toPack,
          passedCount: toPack - failed,
          ...(failed > 0 ? { reason: `${failed} paket rusak` } : {}),
        },
        n,
      );
      toPack = failed;
    }
  }

  /** Step 16: a complaint per kecamatan; some need action and are followed up first. */
  async function monev(kec: string, needsAction: boolean): Promise<void> {
    const complaintId = `ADUAN-${kec}`;
    const { complaintsRecorded } = await view(kec);
    if (!resume || complaintsRecorded === 0) {
      await act(kec, 'RECORD_COMPLAINT', 'tim_monev', {
        complaintId,
        needsAction,
        ...FACTS.RECORD_COMPLAINT,
        kelurahanCode: (await view(kec)).kelurahan.listed[0],
      });
    }
    if (needsAction) {
      await act(kec, 'RESOLVE_COMPLAINT', 'tim_monev', {
        complaintId,
        followUp: 'Ditindaklanjuti',
      });
    }
    await act(kec, 'SIGN_OFF_MONEV', 'tim_monev', {
      reportNo: `MONEV-${kec}`,
      ...FACTS.SIGN_OFF_MONEV,
    });
  }

  const rows: ProgrammeSummaryRow[] = [];
  for (const kec of KECAMATAN) {
    const v = await view(kec);
    const listed = await admin.get<AllocationDocuments>(`${allocation(kec)}/documents`);
    const papers = listed.kelurahan.flatMap((k) => k.documents.filter((d) => d.current));
    const outcome = outcomes.get(kec) ?? { returned: 0, corrected: 0 };
    rows.push({
      kecamatan: kec,
      step: `${v.stepNo} ${v.done ? 'completed' : v.phase}`,
      proposed: v.counts.proposed,
      returned: outcome.returned,
      corrected: outcome.corrected,
      withdrawn: v.counts.withdrawn,
      accepted: v.counts.accepted,
      verval_rounds: v.vervalRounds,
      failed_inspections: v.inspectionFailures.length,
      delivered: v.counts.delivered,
      distributed: v.counts.distributed,
      complaints: v.complaintsRecorded,
      kelurahan_papers: papers.length,
      kecamatan_papers: listed.kecamatan.filter((d) => d.current).length,
      bast_signed: papers.filter((d) => d.kind === 'bast' && d.signed.length > 0).length,
      stuck: v.stuck ? 'yes' : 'no',
    });
  }
  return rows;
}

/**
 * Uploads a copy of the file with one NIK cut to 15 digits, expects the 400 that lists the
 * bad row, and returns that row's problem as text. Nothing of the file is applied.
 */
async function uploadRefused(
  operator: ApiClient,
  path: string,
  filePath: string,
  fields: Record<string, string>,
): Promise<string> {
  const lines = (await readFile(filePath, 'utf8')).split('\n');
  lines[2] = lines[2].slice(0, 15) + lines[2].slice(16);
  const broken = join(dirname(filePath), `broken-${basename(filePath)}`);
  await writeFile(broken, lines.join('\n'));
  try {
    await operator.uploadFile(path, broken, fields);
  } catch (error) {
    const rows =
      error instanceof ApiError ? (error.body as { rows?: RowProblem[] }).rows : undefined;
    if (error instanceof ApiError && error.status === 400 && rows?.length) {
      return rows.map((r) => `line ${r.line} ${r.column} ${r.reason}`).join('; ');
    }
    throw error;
  } finally {
    await unlink(broken);
  }
  throw new Error('the API accepted a proposal file with a 15-digit NIK');
}

interface RowProblem {
  line: number;
  column: string;
  reason: string;
}

/** A one-page PDF standing in for a signed scan; the document number makes each one unique. */
function scanOf(documentNo: string): Blob {
  const pdf = [
    '%PDF-1.4',
    `% scan of ${documentNo}`,
    '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj',
    'trailer <</Root 1 0 R>>',
    '%%EOF',
  ].join('\n');
  return new Blob([pdf], { type: 'application/pdf' });
}

/**
 * A retried request refused as already done (404 not returned any more, 409 not allowed any
 * more) was applied by its earlier try: that counts as done.
 */
async function settled(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ApiError && error.retried && [404, 409].includes(error.status))) {
      throw error;
    }
  }
}

/** Runs `work` over the items with at most `limit` at a time; fails on the first error. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  });
  await Promise.all(lanes);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the allocations to start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function formatTable<Row extends object>(rows: readonly Row[]): string {
  const cell = (row: Row, key: string) => String((row as Record<string, unknown>)[key]);
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => cell(r, h).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n';
  return (
    line(headers) +
    line(widths.map((w) => '-'.repeat(w))) +
    rows.map((r) => line(headers.map((h) => cell(r, h)))).join('')
  );
}
