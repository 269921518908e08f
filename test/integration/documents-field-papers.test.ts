import { createWorkerActivities, type TransitionContext } from '@salur/activities';
import { pdfPages } from '@salur/libs/documents/documents.testing';
import { createDocumentServices } from '@salur/libs/persistence';
import { createTestApi } from '../support/api-app';
import { as, loginAs } from '../support/auth';
import { useSopHarness } from '../support/sop-harness';

interface Registered {
  id: string;
  kind: string;
  subject: string;
  number: string;
  version: number;
  kecamatanCode: string;
  kelurahanCode: string | null;
  sha256: string;
  step: string;
  supersedesId: string | null;
}

/**
 * The kecamatan's field papers on real Temporal and PostgreSQL: a walk with a failed then a
 * passed inspection, a short delivery and the rest brought later, and monev with complaints
 * produces the BA Pemeriksaan (a version a round), one BAST from the vendor per delivery and
 * the BA Monev, each registered against the allocation and its kecamatan and linked to its
 * step record; their text holds the counts, reasons, follow-ups and signature blocks; a
 * retried activity adds no row.
 */
describe('BA Pemeriksaan, BAST from the vendor and BA Monev', () => {
  const h = useSopHarness();
  const kec = '33.74.01';
  const workflowId = () => h.sop.allocationId(kec);
  let listed: string[];

  beforeAll(async () => {
    await h.sop.startProgramme([{ kecamatanCode: kec, quota: 8 }]);
    await h.sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-FIELD' });
    await h.sop.propose(kec, 6);
    await h.sop.act(kec, 'RUN_VERVAL', 'tim_data');
    await h.sop.city('DRAFT_SK', 'tim_data', { skDraftId: 'SK-FIELD' });
    await h.sop.city('APPROVE_SK', 'sk_approver', { skNo: '463/FIELD/2021' });
    listed = (await h.sop.act(kec, 'PRINT_BAST_BNBA', 'tim_data')).kelurahan.listed;
    await h.sop.city('SIGN_SPK', 'tim_pengadaan', { spkNo: 'SPK-FIELD', vendorId: 'vendor-f' });

    // Step 11: two parcels fail the first inspection, their replacements pass the second.
    const inspectRound = async (packed: number, inspection: Record<string, unknown>) => {
      await h.sop.act(kec, 'REPORT_PACKING', 'rekanan', { packedCount: packed });
      await h.sop.act(kec, 'DECLARE_PACKED', 'rekanan');
      await h.sop.act(kec, 'COORDINATE_READINESS', 'tim_pemeriksa', { readyDate: '2021-07-20' });
      await h.sop.act(kec, 'VENDOR_READY', 'rekanan');
      await h.sop.act(kec, 'INSPECT', 'tim_pemeriksa', inspection);
    };
    await inspectRound(6, {
      inspectionId: 'PB-FIELD-1',
      inspectedCount: 6,
      passedCount: 4,
      reason: 'Beras dalam 2 paket berkutu',
    });
    await inspectRound(2, { inspectionId: 'PB-FIELD-2', inspectedCount: 2, passedCount: 2 });
    await h.sop.act(kec, 'HAND_OVER', 'tim_pemeriksa', { handedOverCount: 6 });

    // Steps 13-14: four parcels arrive on the agreed day, the other two afterwards.
    await h.sop.act(kec, 'SCHEDULE_DELIVERY', 'tim_distribusi', { deliveryDate: '2031-07-25' });
    await h.sop.act(kec, 'CONFIRM_DELIVERY', 'tim_distribusi', { deliveredCount: 4 });
    await h.sop.act(kec, 'RESOLVE_DISCREPANCY', 'tim_distribusi', {
      resolution: 'Sisa 2 paket dikirim susulan',
      deliveredCount: 6,
    });

    // Steps 15-16: two complaints, one followed up, then the sign-off.
    await h.sop.distribute(kec);
    await h.sop.act(kec, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: 'ADU-FIELD-1',
      needsAction: true,
      kelurahanCode: listed[0],
    });
    await h.sop.act(kec, 'RESOLVE_COMPLAINT', 'tim_monev', {
      complaintId: 'ADU-FIELD-1',
      followUp: 'Beras diganti penyedia',
    });
    await h.sop.act(kec, 'RECORD_COMPLAINT', 'tim_monev', {
      complaintId: 'ADU-FIELD-2',
      needsAction: false,
      kelurahanCode: listed[1],
      kind: 'jadwal',
      source: 'rt_rw',
      description: 'Pembagian mundur satu jam',
    });
    await h.sop.act(kec, 'SIGN_OFF_MONEV', 'tim_monev', {
      reportNo: 'MONEV-FIELD',
      assessment: { onTime: false, onTarget: true, useful: true },
      fieldProblems: 'Gudang kecamatan sempit',
      reportedToTimPembinaOn: '2031-08-02',
    });
  }, 300_000);

  const registered = () =>
    h.dataSource.query<Registered[]>(
      `SELECT d.id, d.kind, d.subject, d.number, d.version, d.kecamatan_code AS "kecamatanCode",
              d.kelurahan_code AS "kelurahanCode", d.sha256, s.step, d.supersedes_id AS "supersedesId"
         FROM generated_document d JOIN sop_step_record s ON s.id = d.step_record_id
        WHERE d.workflow_id = $1 AND d.kind IN ('ba_pemeriksaan', 'bast_vendor', 'ba_monev')
        ORDER BY d.generated_at, d.id`,
      [workflowId()],
    );

  /** The text of a registered PDF, read back from the content store. */
  const textOf = async (document: Registered) => {
    const { store } = createDocumentServices(h.dataSource, h.config.documents);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.openVerified(document.sha256))
      chunks.push(chunk as Buffer);
    return pdfPages(Buffer.concat(chunks)).join('\n');
  };
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  it('registers a BA Pemeriksaan a round, a BAST a delivery and the BA Monev, for the kecamatan, each on its step record', async () => {
    const rows = await registered();
    expect(rows.map((d) => `${d.kind} ${d.subject} v${d.version} ${d.step}`)).toEqual([
      `ba_pemeriksaan ${kec} v1 inspection`,
      `ba_pemeriksaan ${kec} v2 inspection`,
      `bast_vendor ${kec}/1 v1 delivery`,
      `bast_vendor ${kec}/2 v1 delivery`,
      `ba_monev ${kec} v1 monev-sign-off`,
    ]);
    expect(rows.every((d) => d.kecamatanCode === kec && d.kelurahanCode === null)).toBe(true);
    expect(rows[1].supersedesId).toBe(rows[0].id);
    const programme = h.sop.programId.toUpperCase();
    expect(rows[2].number).toBe(`BAST-P/${kec}/1/${programme}`);
  });

  it("lists them as the allocation's kecamatan papers, for its kecamatan's and its kelurahan's operators, and serves their bytes", async () => {
    const rows = await registered();
    const app = await createTestApi(h.config);
    try {
      const url = `/allocations/${workflowId()}/documents`;
      for (const [role, area] of [
        ['kecamatan_operator', kec],
        ['kelurahan_operator', listed[0]],
      ] as const) {
        const caller = as(app, await loginAs(app, role, area));
        const list = (await caller.get(url).expect(200)).body as {
          kecamatan: {
            id: string;
            kind: string;
            current: boolean;
            contentUrl: string;
            sha256: string;
          }[];
        };
        expect(list.kecamatan.map((d) => d.id).sort()).toEqual(rows.map((d) => d.id).sort());
        expect(list.kecamatan.filter((d) => !d.current).map((d) => d.id)).toEqual([rows[0].id]);
        const monev = list.kecamatan.find((d) => d.kind === 'ba_monev')!;
        const res = await caller.get(monev.contentUrl).expect(200);
        expect(res.headers['x-content-sha256']).toBe(monev.sha256);
      }
    } finally {
      await app.close();
    }
  });

  it('prints every inspection round with its counts and reason, and who signs', async () => {
    const [first, second] = await registered();
    const failed = flat(await textOf(first));
    expect(failed).toContain('Penyedia : CV Sumber Pangan Sejahtera');
    expect(failed).toContain('Surat Perintah Kerja : SPK-FIELD');
    expect(failed).toContain('Jumlah dipesan : 6 (enam) paket');
    // A round's cells on one line: No, date, code, presented, counted, passed, failed, result.
    const round = (no: number, id: string, counts: string, result: string) =>
      new RegExp(
        `^\\s*${no}\\s+\\d+ \\w+ \\d{4}\\s+${id}\\s+${counts.replaceAll(' ', '\\s+')}\\s+${result}`,
        'm',
      );
    const failedText = await textOf(first);
    expect(failedText).toMatch(round(1, 'PB-FIELD-1', '6 6 4 2', 'Tidak memenuhi syarat:'));
    expect(failed).toContain('Tidak memenuhi syarat: Beras dalam 2 paket berkutu');
    expect(failed).not.toContain('PB-FIELD-2');
    expect(failed).toContain(
      'Sebanyak 2 (dua) paket tidak memenuhi syarat dan dikembalikan kepada Penyedia',
    );

    const text = await textOf(second);
    expect(text).toMatch(round(1, 'PB-FIELD-1', '6 6 4 2', 'Tidak memenuhi syarat:'));
    expect(text).toMatch(round(2, 'PB-FIELD-2', '2 2 2 0', 'Memenuhi syarat'));
    expect(flat(text)).toContain(
      'barang yang memenuhi syarat berjumlah 6 (enam) paket dari 6 (enam) paket',
    );
    expect(text).toMatch(/Mengetahui,\s+PENYEDIA\s+TIM PEMERIKSA/);
    expect(text).toMatch(
      /PPK \/ Kepala Dinas Sosial\s+CV Sumber Pangan Sejahtera\s+Ketua Tim Pemeriksa Barang/,
    );
  });

  it("prints each delivery's parcels, the agreed schedule, the vendor and the Camat", async () => {
    const [, , firstDelivery, secondDelivery] = await registered();
    const first = flat(await textOf(firstDelivery));
    expect(first).toContain('sejumlah 4 (empat) paket sebagai pengiriman ke-1');
    expect(first).toContain('Jadwal pengiriman : 25 Juli 2031');
    expect(first).toContain('Disetujui kecamatan : Sri Wahyuni, S.Sos');
    expect(first).toContain('Kekurangan : 2 (dua) paket');
    expect(first).toContain('1. Penyedia, CV Sumber Pangan Sejahtera');
    expect(first).toContain(
      '2. Camat Semarang Tengah Nama : Drs. Bambang Suranggono, M.Si NIP : 196805121994031007',
    );
    const second = await textOf(secondDelivery);
    expect(flat(second)).toContain('sejumlah 2 (dua) paket sebagai pengiriman ke-2');
    expect(flat(second)).toContain('Diterima s.d. ini : 6 (enam) paket dari 6 (enam) paket');
    expect(flat(second)).toContain('Penyelesaian : Sisa 2 paket dikirim susulan');
    expect(second).toMatch(/PIHAK KEDUA\s+PIHAK PERTAMA/);
    expect(second).toMatch(/Drs\. Bambang Suranggono, M\.Si\s+\(\.+\)/);
  });

  it('prints the monev assessment, each complaint with its follow-up, the field problems and the report to Tim Pembina', async () => {
    const monev = (await registered()).at(-1)!;
    const text = await textOf(monev);
    const [first, second] = await h.dataSource.query<{ name: string }[]>(
      `SELECT name FROM region WHERE code = ANY($1) ORDER BY code`,
      [listed.slice(0, 2)],
    );
    expect(text).toMatch(/Tepat waktu\s+Tidak/);
    expect(text).toMatch(/Tepat sasaran\s+Ya/);
    expect(text).toContain('B. Pengaduan (2)');
    // Each complaint's row: No, id, kelurahan, kind, source, then its description and follow-up.
    const row = (cells: string[]) => new RegExp(`^\\s*${cells.join('\\s+')}`, 'm');
    expect(text).toMatch(
      row(['1', 'ADU-FIELD-1', first.name, 'Kualitas barang', 'Warga', 'Beras dalam']),
    );
    expect(flat(text)).toContain('Beras dalam dua paket berkutu Beras diganti penyedia');
    expect(text).toMatch(row(['2', 'ADU-FIELD-2', second.name, 'Jadwal', 'RT/RW', 'Pembagian']));
    expect(flat(text)).toContain('Pembagian mundur satu jam Tidak memerlukan tindak lanjut');
    expect(flat(text)).toContain('C. Permasalahan di lapangan Gudang kecamatan sempit');
    expect(flat(text)).toContain('dilaporkan kepada Tim Pembina pada tanggal 2 Agustus 2031');
    expect(text).toMatch(/Mengetahui,\s+TIM MONEV/);
    expect(text).toMatch(/Kepala Dinas Sosial\s+Ketua Tim Monitoring dan Evaluasi/);
  });

  it('adds no row when a step activity is retried with the same transition', async () => {
    const before = await registered();
    const activities = createWorkerActivities(h.dataSource, h.config);
    const record = async (step: string, businessKey?: string) => {
      const [row] = await h.dataSource.query<{ data: Record<string, unknown> }[]>(
        `SELECT data FROM sop_step_record WHERE workflow_id = $1 AND step = $2
            AND ($3::text IS NULL OR business_key = $3) ORDER BY recorded_at DESC LIMIT 1`,
        [workflowId(), step, businessKey ?? null],
      );
      const { actorId, role, transitionId, ...data } = row.data;
      const ctx = {
        workflowId: workflowId(),
        programId: h.sop.programId,
        kecamatanCode: kec,
        transitionId,
        actorId,
        role,
      } as TransitionContext;
      return { ctx, data };
    };
    const inspection = await record('inspection', 'PB-FIELD-2');
    await activities.recordInspection(inspection.ctx, inspection.data as never);
    const delivery = await record('delivery');
    await activities.recordDelivery(delivery.ctx, delivery.data as never);
    const signOff = await record('monev-sign-off');
    await activities.recordMonevSignOff(signOff.ctx, signOff.data as never);
    expect(await registered()).toEqual(before);
  });
});
