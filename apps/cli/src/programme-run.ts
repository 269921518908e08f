import { seededRandom, syntheticNik } from '../../../libs/domain/synthetic';
import type { UserRole } from '../../../libs/domain/auth';
import { ApiClient } from './api-client';
import { DEMO_PASSWORD, demoUsername } from './seed-demo-users';

/**
 * The main job's work: runs a JPS programme for Kota Semarang through the API, every step by
 * its own role: the quota letter to the 16 kecamatan, proposals with some outsiders and
 * duplicates that verval returns, the SK, the SPK, packing with one failed inspection,
 * scheduled deliveries, distribution to every kelurahan, monev with a complaint, and
 * collection of every signed BAST. The demo users must exist (seed-demo-users).
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

interface View {
  kecamatanCode: string;
  stepNo: number;
  step: string;
  phase: string;
  done: boolean;
  stuck: boolean;
  vervalRounds: number;
  counts: Record<string, number>;
  inspectionFailures: unknown[];
  complaintsRecorded: number;
}

export interface ProgrammeRunOptions {
  /** Where the API answers, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  programId: string;
  /** Proposed residents per kecamatan (two of them are returned by verval). */
  persons: number;
  /** Which kecamatan take part; all 16 by default. */
  kecamatan?: readonly string[];
  /** Progress lines; stdout by default. */
  log?: (line: string) => void;
}

export interface ProgrammeSummaryRow {
  kecamatan: string;
  step: string;
  accepted: number;
  withdrawn: number;
  verval_rounds: number;
  failed_inspections: number;
  delivered: number;
  distributed: number;
  complaints: number;
  stuck: string;
}

/** Runs the whole programme through the API and returns one summary row per kecamatan. */
export async function runProgramme(options: ProgrammeRunOptions): Promise<ProgrammeSummaryRow[]> {
  const { programId, persons } = options;
  if (!Number.isInteger(persons) || persons < 2) {
    throw new Error('--persons must be a whole number >= 2');
  }
  const quota = persons - 2;
  const KECAMATAN = options.kecamatan ?? ALL_KECAMATAN;
  const anonymous = new ApiClient(options.baseUrl);
  // Each role logs in once as its demo user (npm run seed:demo-users); a kecamatan
  // operator per kecamatan. The API takes who acts from the token, never from the body.
  const clients = new Map<string, Promise<ApiClient>>();
  const as = (role: UserRole, kec?: string): Promise<ApiClient> => {
    const username = demoUsername(role, role === 'kecamatan_operator' ? kec : undefined);
    if (!clients.has(username)) clients.set(username, anonymous.login(username, DEMO_PASSWORD));
    return clients.get(username)!;
  };
  const admin = await as('dinsos_admin');
  const random = seededRandom(2021);
  const programme = `/programmes/programme-${programId}`;
  const allocation = (kec: string) => `/allocations/allocation-${programId}-${kec}`;
  const act = async (
    kec: string,
    command: string,
    role: UserRole,
    payload: Record<string, unknown> = {},
  ) => (await as(role, kec)).post<View>(`${allocation(kec)}/commands/${command}`, { payload });
  const city = async (command: string, role: UserRole, payload: Record<string, unknown>) =>
    (await as(role)).post(`${programme}/commands/${command}`, { payload });
  const step = (text: string) =>
    (options.log ?? ((line) => process.stdout.write(`${line}\n`)))(`• ${text}`);

  step(
    `programme ${programId}: ${KECAMATAN.length} kecamatan, ${persons} proposed residents each, quota ${quota}`,
  );
  await admin.post('/programmes', {
    programId,
    allocations: KECAMATAN.map((kecamatanCode) => ({ kecamatanCode, quota })),
  });
  await waitFor(async () => {
    const view = await admin.get<{ allocations: { allowed: string[] }[] }>(programme);
    return view.allocations.every((a) => a.allowed.includes('SEND_QUOTA_LETTER'));
  });
  await city('SEND_QUOTA_LETTER', 'dinsos_admin', { letterNo: '460/2101/VII/2021' });
  step('step 1: circular letter with quotas sent to every kecamatan');

  const kelurahan = new Map<string, string[]>();
  for (const kec of KECAMATAN) {
    const operator = await as('kecamatan_operator', kec);
    const list = await operator.get<{ code: string }[]>(`/kecamatan/${kec}/kelurahan`);
    kelurahan.set(
      kec,
      list.map((k) => k.code),
    );
    await act(kec, 'SUBMIT_REQUEST_LETTER', 'kecamatan_operator', {
      letterNo: `460/${kec}/2021`,
      letterDate: '2021-07-12',
      acknowledgedByCamat: true,
    });
    const codes = kelurahan.get(kec)!;
    const people = Array.from({ length: persons - 2 }, (_, i) => ({
      nik: syntheticNik(kec, random),
      kelurahanCode: codes[i % codes.length],
    }));
    // One resident of Kabupaten Demak and one duplicate: verval returns both.
    people.push({ nik: syntheticNik('33.21.01', random), kelurahanCode: codes[0] });
    people.push({ ...people[0] });
    const batch = await operator.post<{ batchId: string; proposedCount: number }>(
      `${allocation(kec)}/proposals`,
      {
        persons: people,
      },
    );
    await act(kec, 'SUBMIT_PROPOSALS', 'kecamatan_operator', batch);
    const verval = await act(kec, 'RUN_VERVAL', 'tim_data');
    if (verval.counts.rejected > 0) {
      const returned = await operator.get<{ recipientId: string }[]>(`${allocation(kec)}/returned`);
      for (const person of returned)
        await operator.post(`${allocation(kec)}/returned/${person.recipientId}/withdraw`, {});
      await act(kec, 'RESUBMIT_CORRECTIONS', 'kecamatan_operator');
    }
  }
  step(
    'steps 2-4: proposals submitted, verval returned outsiders and duplicates, kecamatan withdrew them',
  );

  await city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-DRAFT-2021-1' });
  await city('APPROVE_SK', 'sk_approver', { skNo: '463/447/2021' });
  for (const kec of KECAMATAN) await act(kec, 'PRINT_BAST_BNBA', 'tim_data');
  await city('SIGN_SPK', 'tim_pengadaan', { spkNo: '027/SPK/JPS/2021', vendorId: 'rekanan-1' });
  step('steps 5-7: SK signed, BAST and BNBA printed per kelurahan, SPK signed');

  for (const [index, kec] of KECAMATAN.entries()) {
    const ordered = quota;
    await act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: ordered });
    await act(kec, 'DECLARE_PACKED', 'rekanan');
    await act(kec, 'COORDINATE_READINESS', 'tim_pemeriksa', { readyDate: '2021-07-20' });
    await act(kec, 'VENDOR_READY', 'rekanan');
    if (index === 0) {
      // The first inspection finds damaged parcels: back to packing for the shortfall.
      await act(kec, 'INSPECT', 'tim_pemeriksa', {
        inspectionId: `BA-${kec}-1`,
        inspectedCount: ordered,
        passedCount: ordered - 2,
        reason: '2 paket rusak',
      });
      await act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: 2 });
      await act(kec, 'DECLARE_PACKED', 'rekanan');
      await act(kec, 'COORDINATE_READINESS', 'tim_pemeriksa', { readyDate: '2021-07-21' });
      await act(kec, 'VENDOR_READY', 'rekanan');
      await act(kec, 'INSPECT', 'tim_pemeriksa', {
        inspectionId: `BA-${kec}-2`,
        inspectedCount: 2,
        passedCount: 2,
      });
    } else {
      await act(kec, 'INSPECT', 'tim_pemeriksa', {
        inspectionId: `BA-${kec}-1`,
        inspectedCount: ordered,
        passedCount: ordered,
      });
    }
    await act(kec, 'HAND_OVER', 'tim_pemeriksa', { handedOverCount: ordered });
    await act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', {
      deliveryDate: `2021-07-${String(22 + (index % 6)).padStart(2, '0')}`,
    });
    await act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: ordered });

    const codes = kelurahan.get(kec)!;
    let left = ordered;
    for (const [i, code] of codes.entries()) {
      const share = i === codes.length - 1 ? left : Math.floor(ordered / codes.length);
      left -= share;
      await act(kec, 'RECORD_DISTRIBUTION', 'kecamatan_operator', {
        kelurahanCode: code,
        distributedCount: share,
      });
    }
    await act(kec, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: `ADUAN-${kec}`,
      needsAction: index % 4 === 0,
    });
    if (index % 4 === 0) {
      await act(kec, 'RESOLVE_COMPLAINT', 'tim_monev', {
        complaintId: `ADUAN-${kec}`,
        followUp: 'Ditindaklanjuti',
      });
    }
    await act(kec, 'SIGN_OFF_MONEV', 'tim_monev', { reportNo: `MONEV-${kec}` });
    for (const code of codes)
      await act(kec, 'RECORD_SIGNED_BAST', 'kecamatan_operator', { kelurahanCode: code });
    await act(kec, 'COMPLETE_COLLECTION', 'tim_data', { recapId: `REKAP-${kec}` });
    step(`steps 8-17 done for ${kec}`);
  }

  const rows: ProgrammeSummaryRow[] = [];
  for (const kec of KECAMATAN) {
    const v = await admin.get<View>(allocation(kec));
    rows.push({
      kecamatan: kec,
      step: `${v.stepNo} ${v.done ? 'completed' : v.phase}`,
      accepted: v.counts.accepted,
      withdrawn: v.counts.withdrawn,
      verval_rounds: v.vervalRounds,
      failed_inspections: v.inspectionFailures.length,
      delivered: v.counts.delivered,
      distributed: v.counts.distributed,
      complaints: v.complaintsRecorded,
      stuck: v.stuck ? 'yes' : 'no',
    });
  }
  return rows;
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
