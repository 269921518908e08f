/** What the receipts endpoints answer, for the OpenAPI document (docs/receipts.md). */

const KELURAHAN = {
  kelurahanCode: '33.74.01.1001',
  listed: 420,
  received: 401,
  receivedByProxy: 12,
  distributed: 413,
  returned: 5,
  returnedByReason: { pindah: 2, meninggal: 1, tidak_ditemukan: 1, menolak: 1 },
  pending: 2,
  recordedDistribution: null,
};

export const RECEIPTS_ANSWER = {
  allocationId: 'allocation-jps-2021-33.74.01',
  kelurahanCode: '33.74.01.1001',
  recorded: 1,
  unchanged: 0,
  receipts: [
    {
      receiptId: '6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
      recipientId: '5f0c6a38-2f4e-4a57-9c43-3f0d6f1d2a11',
      nik: '************0001',
      status: 'received',
      correctsReceiptId: null,
      created: true,
    },
  ],
  kelurahan: KELURAHAN,
};

export const RECEIPTS_REFUSED = {
  code: 'VALIDATION_FAILED',
  message:
    'Tidak ada tanda terima yang dicatat / No receipt was recorded: receipts[0].nik: ' +
    'NIK ************0001 tidak ada di BNBA kelurahan 33.74.01.1001 (SK yang berlaku) / ' +
    'NIK ************0001 is not on the BNBA of kelurahan 33.74.01.1001 (the SK in force)',
  fields: [
    {
      field: 'receipts[0].nik',
      reason:
        'NIK ************0001 tidak ada di BNBA kelurahan 33.74.01.1001 (SK yang berlaku) / ' +
        'NIK ************0001 is not on the BNBA of kelurahan 33.74.01.1001 (the SK in force)',
    },
  ],
  problemCount: 1,
};

export const RECEIPTS_CONFLICT = {
  code: 'ALREADY_EXISTS',
  message:
    'Tidak ada tanda terima yang dicatat / No receipt was recorded: receipts[0].nik: ... / ' +
    'NIK ************0001 already has receipt 6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b (received); ' +
    'to change it send a correction with correctsReceiptId 6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
  fields: [{ field: 'receipts[0].nik', reason: '...' }],
  problemCount: 1,
};

export const SHEET_ANSWER = {
  allocationId: 'allocation-jps-2021-33.74.01',
  kelurahanCode: '33.74.01.1001',
  alreadyImported: false,
  uploadId: '0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a',
  rowCount: 420,
  recorded: 418,
  unchanged: 0,
  unmarked: 2,
  sha256: '9b74c9897bac770ffc029102a200c5de8c3e3b1d5e0f6a2d3a9a1f4c1d2e3f4a',
  kelurahan: KELURAHAN,
};

export const SHEET_REFUSED = {
  code: 'VALIDATION_FAILED',
  message:
    'Tidak ada tanda terima yang dicatat / No receipt was recorded: baris 12, kolom alasan / ' +
    'line 12, column alasan: wajib diisi bila tidak diterima: ... / is required when the parcel ' +
    'was not received: ...',
  fields: [
    {
      field: 'file',
      reason:
        '1 baris bermasalah; tidak ada yang dicatat / 1 row(s) have problems; nothing was recorded',
    },
  ],
  rows: [{ line: 12, column: 'alasan', reason: 'wajib diisi bila tidak diterima: ...' }],
  problemCount: 1,
  badRowCount: 1,
  listedCount: 1,
};

export const RECEIPT_LIST_ITEM = {
  recipientId: '5f0c6a38-2f4e-4a57-9c43-3f0d6f1d2a11',
  nik: '************0001',
  kelurahanCode: '33.74.01.1001',
  receipt: {
    receiptId: '6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    status: 'received_by_proxy',
    reason: null,
    proxyRelationship: 'anak',
    note: null,
    evidenceId: null,
    correctsReceiptId: null,
    uploadId: null,
    recordedBy: '0d6f1c2e-8a7b-4c3d-9e0f-1a2b3c4d5e6f',
    role: 'kelurahan_operator',
    recordedAt: '2021-07-27T03:14:07.000Z',
  },
};

export const RECONCILIATION_ANSWER = {
  allocationId: 'allocation-jps-2021-33.74.01',
  kecamatanCode: '33.74.01',
  over: 'kecamatan',
  stepNo: 16,
  step: 'monev',
  kelurahan: [
    { ...KELURAHAN, pending: 0, recordedDistribution: { distributedCount: 413, returnedCount: 7 } },
  ],
  totals: {
    listed: 420,
    received: 401,
    receivedByProxy: 12,
    distributed: 413,
    returned: 7,
    returnedByReason: { pindah: 3, meninggal: 1, tidak_ditemukan: 2, menolak: 1 },
    pending: 0,
    recordedDistributed: 413,
    recordedReturned: 7,
  },
};
