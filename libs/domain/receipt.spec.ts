import { validationProblemsOf } from './errors.testing';
import { RECEIVED } from './receipt.testing';
import { refusalOf } from './verdict.testing';
import {
  distributionMatchesReceipts,
  judgeReceipt,
  NO_RETURNS,
  parseReceiptRequest,
  readNotReceivedReason,
  readReceiptContent,
  readReceivedMark,
  RECEIPT_RECORDERS,
  receiptWindowRefusal,
  reconcileKelurahan,
  statusOfMark,
  sumReconciliations,
  type ReceiptContent,
  type StoredReceipt,
} from './receipt';

const NIK = '3374014107850001';
const ID_A = '0b0c2f57-6a43-4f57-9d4e-1a2b3c4d5e6f';
const ID_B = '1c1d3a68-7b54-4a68-8e5f-2b3c4d5e6f70';
const RECIPIENT = 'a7c1e0f2-1111-4222-8333-444455556666';

const received = RECEIVED;
const moved: ReceiptContent = { ...received, status: 'not_received', reason: 'pindah' };

const problemsOf = validationProblemsOf;

describe('who records receipts', () => {
  it("is step 15's actors and Dinsos staff, never the vendor or the auditor", () => {
    expect([...RECEIPT_RECORDERS].sort()).toEqual([
      'dinsos_admin',
      'kecamatan_operator',
      'kelurahan_operator',
      'tim_data',
      'tim_distribusi',
    ]);
  });
});

describe('marks in the "diterima" column of a signed BNBA', () => {
  it.each(['ya', 'Y', 'v', 'V', '✓', '✔', '1', 'diterima', 'Diterima.', ' YA ', 'TRUE'])(
    '%j is received',
    (mark) => expect(readReceivedMark(mark)).toBe('received'),
  );
  it.each(['tidak', 'T', 'tdk', '0', 'Tidak Diterima', 'FALSE'])('%j is not received', (mark) =>
    expect(readReceivedMark(mark)).toBe('not_received'),
  );
  it('an empty cell is not yet marked; anything else is no mark at all', () => {
    expect(readReceivedMark('  ')).toBe('unmarked');
    expect(readReceivedMark('x')).toBeUndefined();
    expect(readReceivedMark('2')).toBeUndefined();
    expect(readReceivedMark('yes please')).toBeUndefined();
  });
  it('received with a proxy named is received by that proxy', () => {
    expect(statusOfMark('received', '')).toBe('received');
    expect(statusOfMark('received', 'Siti')).toBe('received_by_proxy');
    expect(statusOfMark('not_received', 'Siti')).toBe('not_received');
  });
});

describe('reasons a parcel went back', () => {
  it.each([
    ['pindah', 'pindah'],
    ['PINDAH', 'pindah'],
    ['moved', 'pindah'],
    ['Meninggal dunia', 'meninggal'],
    ['wafat', 'meninggal'],
    ['tidak_ditemukan', 'tidak_ditemukan'],
    ['Tidak  ditemukan', 'tidak_ditemukan'],
    ['unreachable', 'tidak_ditemukan'],
    ['menolak', 'menolak'],
    ['refused', 'menolak'],
  ])('%j is %s', (written, reason) => expect(readNotReceivedReason(written)).toBe(reason));
  it('knows no other reason', () => {
    expect(readNotReceivedReason('sakit')).toBeUndefined();
    expect(readNotReceivedReason('')).toBeUndefined();
  });
});

describe('the fields of a receipt', () => {
  it('received needs nothing more and takes no reason nor proxy', () => {
    expect(readReceiptContent({ status: 'received' })).toEqual({
      content: received,
      problems: [],
    });
    expect(
      readReceiptContent({ status: 'received', reason: 'pindah', proxyName: 'Siti' }).problems,
    ).toEqual([
      { field: 'reason', reason: expect.stringMatching(/^hanya diisi .* \/ is only given when/) },
      { field: 'proxyName', reason: expect.stringMatching(/only given when a proxy/) },
    ]);
  });

  it('a proxy is named with the relationship to the KPM', () => {
    expect(
      readReceiptContent({
        status: 'received_by_proxy',
        proxyName: ' Siti Aminah ',
        proxyRelationship: 'anak',
      }).content,
    ).toEqual({
      ...received,
      status: 'received_by_proxy',
      proxyName: 'Siti Aminah',
      proxyRelationship: 'anak',
    });
    expect(readReceiptContent({ status: 'received_by_proxy' }).problems).toEqual([
      { field: 'proxyName', reason: expect.stringMatching(/^wajib diisi .* is required/) },
      { field: 'proxyRelationship', reason: expect.stringMatching(/is required/) },
    ]);
  });

  it('not received needs one of the four reasons', () => {
    expect(
      readReceiptContent({ status: 'not_received', reason: 'Meninggal dunia' }).content,
    ).toMatchObject({ status: 'not_received', reason: 'meninggal' });
    expect(readReceiptContent({ status: 'not_received' }).problems).toEqual([
      {
        field: 'reason',
        reason: expect.stringMatching(/pindah .*meninggal .*tidak_ditemukan .*menolak/),
      },
    ]);
    expect(readReceiptContent({ status: 'not_received', reason: 'sakit' }).problems).toEqual([
      { field: 'reason', reason: expect.stringContaining('must be one of pindah, meninggal') },
    ]);
  });

  it('refuses an unknown status, a NIK in free text and a photo id that is no uuid', () => {
    expect(
      readReceiptContent({ status: 'given', note: `kk ${NIK}`, evidenceId: 'foto-1' }).problems,
    ).toEqual([
      { field: 'status', reason: expect.stringContaining('must be received, received_by_proxy') },
      { field: 'note', reason: expect.stringContaining('must not contain a NIK') },
      { field: 'evidenceId', reason: expect.stringContaining('must be the id (uuid)') },
    ]);
  });
});

describe('the JSON request', () => {
  it('names a person by NIK (read as every NIK is) or by record id', () => {
    expect(
      parseReceiptRequest({
        receipts: [
          { nik: `'${NIK}`, status: 'received' },
          { recipientId: RECIPIENT.toUpperCase(), status: 'not_received', reason: 'menolak' },
          { nik: NIK, status: 'received', correctsReceiptId: ID_A },
        ],
      }),
    ).toEqual([
      { person: { nik: NIK }, content: received, correctsReceiptId: null },
      {
        person: { recipientId: RECIPIENT },
        content: { ...received, status: 'not_received', reason: 'menolak' },
        correctsReceiptId: null,
      },
      { person: { nik: NIK }, content: received, correctsReceiptId: ID_A },
    ]);
  });

  it('lists every problem by its field and never quotes a value', () => {
    const problems = problemsOf(() =>
      parseReceiptRequest({
        receipts: [
          { nik: Number(NIK), status: 'received' },
          { nik: NIK, recipientId: RECIPIENT, status: 'received' },
          { nik: '3.37401E+15', status: 'not_received' },
          'x',
          { recipientId: 'r-1', status: 'received', role: 'dinsos_admin', correctsReceiptId: 'no' },
        ],
      }),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'receipts[0].nik',
      'receipts[1].nik',
      'receipts[2].nik',
      'receipts[2].reason',
      'receipts[3]',
      'receipts[4].role',
      'receipts[4].recipientId',
      'receipts[4].correctsReceiptId',
    ]);
    expect(problems[2].reason).toMatch(/written as a number/);
    expect(JSON.stringify(problems)).not.toContain('3374014107850001');
  });

  it('takes 1 to 10,000 receipts', () => {
    expect(problemsOf(() => parseReceiptRequest({ receipts: [] }))[0].field).toBe('receipts');
    expect(problemsOf(() => parseReceiptRequest([]))[0].field).toBe('receipts');
    const many = Array.from({ length: 10_001 }, () => ({ nik: NIK, status: 'received' }));
    expect(problemsOf(() => parseReceiptRequest({ receipts: many }))[0].reason).toMatch(
      /at most 10000/,
    );
  });
});

describe('when receipts may be written', () => {
  it('from step 15 until collection is complete', () => {
    expect(receiptWindowRefusal({ stepNo: 14, step: 'delivery', done: false })).toMatchObject({
      code: 'TRANSITION_REFUSED',
      message: expect.stringContaining('this allocation is at step 14 (delivery)'),
    });
    expect(receiptWindowRefusal({ stepNo: 15, step: 'distribution', done: false })).toBeNull();
    expect(receiptWindowRefusal({ stepNo: 17, step: 'collection', done: false })).toBeNull();
    for (const closed of [
      { stepNo: 17, step: 'collection', done: true },
      { stepNo: 17, step: 'collection', done: false, collectionComplete: true },
    ]) {
      expect(receiptWindowRefusal(closed)?.message).toMatch(
        /^Pengumpulan .* \/ Collection is complete \(COMPLETE_COLLECTION\)/,
      );
    }
  });
});

describe('a receipt against the one in force', () => {
  const person = { recipientId: RECIPIENT, label: 'NIK ************0001' };
  const stored = (
    id: string,
    content: ReceiptContent,
    correctedBy: string | null = null,
  ): StoredReceipt => ({ id, recipientId: RECIPIENT, content, correctedBy });

  it('writes the first, and the same again changes nothing', () => {
    const entry = { content: received, correctsReceiptId: null };
    expect(judgeReceipt(entry, person, undefined)).toEqual({
      ok: true,
      move: { kind: 'insert', corrects: null },
    });
    expect(judgeReceipt(entry, person, stored(ID_A, received))).toEqual({
      ok: true,
      move: { kind: 'unchanged', receiptId: ID_A },
    });
  });

  it('refuses a second, different receipt, naming the person and how to correct it', () => {
    const verdict = judgeReceipt(
      { content: moved, correctsReceiptId: null },
      person,
      stored(ID_A, received),
    );
    expect(verdict).toEqual({
      ok: false,
      refusal: {
        conflict: true,
        reason: expect.stringContaining(
          `NIK ************0001 already has receipt ${ID_A} (received); to change it send a correction with correctsReceiptId ${ID_A}`,
        ),
      },
    });
  });

  it('a correction replaces the receipt in force, once', () => {
    const entry = { content: moved, correctsReceiptId: ID_A };
    const first = stored(ID_A, received);
    expect(judgeReceipt(entry, person, first, first)).toEqual({
      ok: true,
      move: { kind: 'insert', corrects: ID_A },
    });
    // Retried after it was written: nothing more.
    const corrected = stored(ID_A, received, ID_B);
    const correction = stored(ID_B, moved);
    expect(judgeReceipt(entry, person, correction, corrected)).toEqual({
      ok: true,
      move: { kind: 'unchanged', receiptId: ID_B },
    });
    // Another correction of the replaced receipt: correct the one in force instead.
    const other = { content: received, correctsReceiptId: ID_A };
    expect(judgeReceipt(other, person, correction, corrected)).toEqual({
      ok: false,
      refusal: {
        conflict: true,
        reason: expect.stringContaining(`receipt ${ID_A} was already corrected by ${ID_B}`),
      },
    });
  });

  it("refuses a correction of a receipt that is not the person's", () => {
    const someoneElse: StoredReceipt = { ...stored(ID_A, received), recipientId: ID_B };
    for (const target of [undefined, someoneElse]) {
      expect(
        judgeReceipt({ content: moved, correctsReceiptId: ID_A }, person, undefined, target),
      ).toEqual({
        ok: false,
        refusal: {
          conflict: false,
          reason: expect.stringContaining(`${ID_A} is not a receipt of NIK ************0001`),
        },
      });
    }
  });
});

describe('reconciliation', () => {
  const kelurahan = (
    kelurahanCode: string,
    listed: number,
    received: number,
    receivedByProxy: number,
    notReceived: Partial<typeof NO_RETURNS> = {},
  ) =>
    reconcileKelurahan({
      kelurahanCode,
      listed,
      received,
      receivedByProxy,
      notReceived: { ...NO_RETURNS, ...notReceived },
    });

  it('a kelurahan distributed what families received, returned the rest with reasons', () => {
    expect(kelurahan('33.74.01.1001', 10, 6, 1, { pindah: 1, meninggal: 1 })).toEqual({
      kelurahanCode: '33.74.01.1001',
      listed: 10,
      received: 6,
      receivedByProxy: 1,
      distributed: 7,
      returned: 2,
      returnedByReason: { pindah: 1, meninggal: 1, tidak_ditemukan: 0, menolak: 0 },
      pending: 1,
    });
  });

  it("the kecamatan's figures are the sum of its kelurahan's", () => {
    const rows = [
      kelurahan('33.74.01.1001', 10, 6, 1, { pindah: 1, meninggal: 1 }),
      kelurahan('33.74.01.1002', 5, 3, 0, { menolak: 2 }),
    ];
    expect(sumReconciliations(rows)).toEqual({
      listed: 15,
      received: 9,
      receivedByProxy: 1,
      distributed: 10,
      returned: 4,
      returnedByReason: { pindah: 1, meninggal: 1, tidak_ditemukan: 0, menolak: 2 },
      pending: 1,
    });
  });

  it('RECORD_DISTRIBUTION must say what the receipts say, naming the kelurahan and the difference', () => {
    const counted = kelurahan('33.74.01.1001', 9, 6, 1, { pindah: 2 });
    const claim = { kelurahanCode: '33.74.01.1001', distributedCount: 7, returnedCount: 2 };
    expect(distributionMatchesReceipts(claim, counted)).toEqual({ ok: true, value: undefined });

    expect(
      refusalOf(distributionMatchesReceipts({ ...claim, distributedCount: 9 }, counted)),
    ).toEqual({
      code: 'TRANSITION_REFUSED',
      message:
        'Kelurahan 33.74.01.1001: distributedCount 9 berbeda dari 7 tanda terima diterima (selisih +2) / ' +
        'Kelurahan 33.74.01.1001: distributedCount 9 differs from the 7 receipts marked received (difference +2)',
      details: expect.objectContaining({
        code: 'RECEIPTS_DIFFER',
        kelurahanCode: '33.74.01.1001',
        difference: 2,
      }),
    });

    // returnedCount left out counts as none returned; a person without a receipt is named.
    const short = refusalOf(
      distributionMatchesReceipts({ ...claim, returnedCount: undefined }, counted),
    ).message;
    expect(short).toMatch(
      /returnedCount 0 differs from the 2 parcels not received \(difference -2\)/,
    );
    const message = (listed: number) =>
      refusalOf(
        distributionMatchesReceipts(
          { kelurahanCode: '33.74.01.1002', distributedCount: 5 },
          kelurahan('33.74.01.1002', listed, 4, 0),
        ),
      ).message;
    expect(message(6)).toMatch(
      /Kelurahan 33.74.01.1002: distributedCount 5 differs from the 4 receipts marked received \(difference \+1\); 2 persons on its BNBA have no receipt yet$/,
    );
    expect(message(5)).toMatch(/; 1 person on its BNBA has no receipt yet$/);
  });
});
