import { isRecord, UUID } from '../shared';
import { DomainError, ValidationFailed, type FieldProblem } from './errors';
import { EVIDENCE_KINDS } from './evidence';
import { readIdNumber } from './id-number-text';
import { maskedNik, maskNik } from './nik-mask';
import { allow, refuse, type Verdict } from './verdict';

/**
 * Distribution per KPM (SOP step 15, issue 15): each family on a kelurahan's BNBA signs for
 * its parcel, has it collected by a proxy, or does not get it for a stated reason. Pure
 * rules: the kinds of receipt and their fields, the marks offices write in a signed BNBA,
 * when a receipt may be written and how it meets the one already there, and the
 * arithmetic of reconciliation. Messages are in Bahasa Indonesia first, English second,
 * and name a person by a masked NIK or a record id only (docs/receipts.md).
 */

/** "Indonesian / English", the order every receipt message uses. */
export const bilingual = (id: string, en: string): string => `${id} / ${en}`;

/**
 * Who records receipts: SOP step 15's actors (tim distribusi, kecamatan, kelurahan) and
 * Dinsos staff, the very people who may photograph distribution, so the two never differ.
 */
export const RECEIPT_RECORDERS = EVIDENCE_KINDS.photo_distribution.uploaders;

export const RECEIPT_STATUSES = {
  received: { id: 'diterima', en: 'received' },
  received_by_proxy: { id: 'diterima oleh wakil', en: 'received by a proxy' },
  not_received: { id: 'tidak diterima', en: 'not received' },
} as const;
export type ReceiptStatus = keyof typeof RECEIPT_STATUSES;
export const RECEIPT_STATUS_NAMES = Object.keys(RECEIPT_STATUSES) as ReceiptStatus[];

/** Why a parcel went back: the four cases the issue names, with the words offices write. */
export const NOT_RECEIVED_REASONS = {
  pindah: { id: 'pindah', en: 'moved away', written: ['pindah', 'pindah alamat', 'moved'] },
  meninggal: {
    id: 'meninggal dunia',
    en: 'died',
    written: ['meninggal', 'meninggal dunia', 'wafat', 'died'],
  },
  tidak_ditemukan: {
    id: 'tidak ditemukan',
    en: 'could not be found',
    written: ['tidak ditemukan', 'tdk ditemukan', 'unreachable', 'not found'],
  },
  menolak: { id: 'menolak', en: 'refused the parcel', written: ['menolak', 'refused'] },
} as const;
export type NotReceivedReason = keyof typeof NOT_RECEIVED_REASONS;
export const NOT_RECEIVED_REASON_NAMES = Object.keys(NOT_RECEIVED_REASONS) as NotReceivedReason[];

export const MAX_PROXY_NAME = 200;
export const MAX_PROXY_RELATIONSHIP = 100;
export const MAX_RECEIPT_NOTE = 500;
/** Receipts in one JSON request: a kelurahan's BNBA at Semarang's size, with room to spare. */
export const MAX_RECEIPTS_PER_REQUEST = 10_000;

/** What one receipt says about one person's parcel. */
export interface ReceiptContent {
  readonly status: ReceiptStatus;
  readonly reason: NotReceivedReason | null;
  readonly proxyName: string | null;
  readonly proxyRelationship: string | null;
  readonly note: string | null;
  /** A photo of the handover: evidence of kind photo_distribution (docs/evidence.md). */
  readonly evidenceId: string | null;
}

/**
 * A row of the BNBA as Salur printed it (XLSX, NIK masked): its number on the list, the last
 * four digits of the NIK and the name. The number finds the person; the other two check it.
 */
export interface PrintedBnbaRow {
  readonly no: number;
  readonly nikTail: string;
  readonly name: string;
}

/**
 * How a request names a person of the BNBA: the NIK as typed, the record id of a list, or
 * (a filled-in printed BNBA) the printed row.
 */
export type PersonRef =
  | { readonly nik: string }
  | { readonly recipientId: string }
  | { readonly printed: PrintedBnbaRow };

/** The person as named in a message: never the full NIK, never the name. */
export function personLabel(ref: PersonRef): string {
  if ('nik' in ref) return `NIK ${maskNik(ref.nik)}`;
  if ('printed' in ref) return `No ${ref.printed.no} (NIK ${maskedNik(ref.printed.nikTail)})`;
  return `recipientId ${ref.recipientId}`;
}

/** The fields of a receipt as written, before they are read (JSON values or sheet cells). */
export interface RawReceiptFields {
  readonly status?: unknown;
  readonly reason?: unknown;
  readonly proxyName?: unknown;
  readonly proxyRelationship?: unknown;
  readonly note?: unknown;
  readonly evidenceId?: unknown;
}
export type ReceiptField = keyof RawReceiptFields;

/** A problem of one field of one receipt, before the caller says where the field is. */
export interface ReceiptFieldProblem {
  readonly field: ReceiptField;
  readonly reason: string;
}

const NIK_LIKE = /\d{16}/;
const MESSAGES = {
  status: bilingual(
    'harus received, received_by_proxy atau not_received',
    'must be received, received_by_proxy or not_received',
  ),
  reasonRequired: bilingual(
    `wajib diisi bila tidak diterima: ${reasonList('id')}`,
    `is required when the parcel was not received: ${reasonList('en')}`,
  ),
  reasonUnknown: bilingual(
    `harus salah satu dari ${reasonList('id')}`,
    `must be one of ${NOT_RECEIVED_REASON_NAMES.join(', ')}`,
  ),
  reasonOnlyNotReceived: bilingual(
    'hanya diisi bila paket tidak diterima',
    'is only given when the parcel was not received',
  ),
  proxyOnly: bilingual(
    'hanya diisi bila paket diambil oleh wakil',
    'is only given when a proxy collected the parcel',
  ),
  evidenceId: bilingual(
    'harus id bukti foto (uuid) dari POST /allocations/:id/evidence',
    'must be the id (uuid) of a photo uploaded to POST /allocations/:id/evidence',
  ),
  nikInText: bilingual('tidak boleh berisi NIK/No. KK', 'must not contain a NIK or KK number'),
} as const;

function reasonList(language: 'id' | 'en'): string {
  return NOT_RECEIVED_REASON_NAMES.map((r) => `${r} (${NOT_RECEIVED_REASONS[r][language]})`).join(
    ', ',
  );
}

const blank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function text(
  value: unknown,
  field: ReceiptField,
  max: number,
  problems: ReceiptFieldProblem[],
): string | null {
  if (blank(value)) return null;
  if (typeof value !== 'string' || value.trim().length > max) {
    problems.push({
      field,
      reason: bilingual(`harus teks 1-${max} karakter`, `must be text of 1-${max} characters`),
    });
    return null;
  }
  if (NIK_LIKE.test(value)) {
    problems.push({ field, reason: MESSAGES.nikInText });
    return null;
  }
  return value.trim();
}

/** A reason as offices write it: `Meninggal dunia`, `tidak_ditemukan`, `PINDAH`. */
export function readNotReceivedReason(written: string): NotReceivedReason | undefined {
  const words = written.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  return NOT_RECEIVED_REASON_NAMES.find(
    (reason) => reason === words.replace(/ /g, '_') || includesText(reason, words),
  );
}

function includesText(reason: NotReceivedReason, words: string): boolean {
  return (NOT_RECEIVED_REASONS[reason].written as readonly string[]).includes(words);
}

/**
 * The fields of one receipt read and checked together: which fields a status needs, and
 * which it must not have (a reason on a parcel that was received is a mistake, not noise).
 */
export function readReceiptContent(raw: RawReceiptFields): {
  content?: ReceiptContent;
  problems: ReceiptFieldProblem[];
} {
  const problems: ReceiptFieldProblem[] = [];
  const status =
    typeof raw.status === 'string' && Object.hasOwn(RECEIPT_STATUSES, raw.status)
      ? (raw.status as ReceiptStatus)
      : undefined;
  if (!status) problems.push({ field: 'status', reason: MESSAGES.status });

  let reason: NotReceivedReason | null = null;
  if (status === 'not_received') {
    if (blank(raw.reason)) problems.push({ field: 'reason', reason: MESSAGES.reasonRequired });
    else {
      reason = typeof raw.reason === 'string' ? (readNotReceivedReason(raw.reason) ?? null) : null;
      if (!reason) problems.push({ field: 'reason', reason: MESSAGES.reasonUnknown });
    }
  } else if (status && !blank(raw.reason)) {
    problems.push({ field: 'reason', reason: MESSAGES.reasonOnlyNotReceived });
  }

  let proxyName: string | null = null;
  let proxyRelationship: string | null = null;
  if (status === 'received_by_proxy') {
    proxyName = text(raw.proxyName, 'proxyName', MAX_PROXY_NAME, problems);
    proxyRelationship = text(
      raw.proxyRelationship,
      'proxyRelationship',
      MAX_PROXY_RELATIONSHIP,
      problems,
    );
    const required = bilingual(
      'wajib diisi bila paket diambil oleh wakil',
      'is required when a proxy collected the parcel',
    );
    if (blank(raw.proxyName)) problems.push({ field: 'proxyName', reason: required });
    if (blank(raw.proxyRelationship)) {
      problems.push({ field: 'proxyRelationship', reason: required });
    }
  } else if (status) {
    for (const field of ['proxyName', 'proxyRelationship'] as const) {
      if (!blank(raw[field])) problems.push({ field, reason: MESSAGES.proxyOnly });
    }
  }

  const note = text(raw.note, 'note', MAX_RECEIPT_NOTE, problems);
  let evidenceId: string | null = null;
  if (!blank(raw.evidenceId)) {
    if (typeof raw.evidenceId === 'string' && UUID.test(raw.evidenceId.trim())) {
      evidenceId = raw.evidenceId.trim().toLowerCase();
    } else {
      problems.push({ field: 'evidenceId', reason: MESSAGES.evidenceId });
    }
  }
  if (problems.length > 0 || !status) return { problems };
  return {
    content: { status, reason, proxyName, proxyRelationship, note, evidenceId },
    problems,
  };
}

// --- marks in a signed BNBA -------------------------------------------------------------

/** What offices write in the "diterima" column (any case; a trailing dot is ignored). */
export const RECEIVED_MARKS = ['ya', 'y', 'v', '✓', '✔', '1', 'diterima', 'true'] as const;
export const NOT_RECEIVED_MARKS = ['tidak', 't', 'tdk', '0', 'tidak diterima', 'false'] as const;

export type ReceivedMark = 'received' | 'not_received' | 'unmarked';

/** A "diterima" cell: received, not received, left empty, or undefined for anything else. */
export function readReceivedMark(written: string): ReceivedMark | undefined {
  const mark = written.trim().toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ');
  if (mark === '') return 'unmarked';
  if ((RECEIVED_MARKS as readonly string[]).includes(mark)) return 'received';
  if ((NOT_RECEIVED_MARKS as readonly string[]).includes(mark)) return 'not_received';
  return undefined;
}

export const RECEIVED_MARK_REASON = bilingual(
  `harus ${RECEIVED_MARKS.join('/')} (diterima) atau ${NOT_RECEIVED_MARKS.join('/')} (tidak diterima)`,
  `must be ${RECEIVED_MARKS.join('/')} (received) or ${NOT_RECEIVED_MARKS.join('/')} (not received)`,
);

/**
 * The status a signed BNBA row stands for: received with a proxy's name written is received
 * by that proxy.
 */
export function statusOfMark(mark: 'received' | 'not_received', proxyName: string): ReceiptStatus {
  if (mark === 'not_received') return 'not_received';
  return proxyName.trim() === '' ? 'received' : 'received_by_proxy';
}

// --- the JSON request --------------------------------------------------------------------

export interface ReceiptEntry {
  readonly person: PersonRef;
  readonly content: ReceiptContent;
  /** Set on a correction: the receipt this one replaces. */
  readonly correctsReceiptId: string | null;
}

const ENTRY_FIELDS = new Set([
  'nik',
  'recipientId',
  'status',
  'reason',
  'proxyName',
  'proxyRelationship',
  'note',
  'evidenceId',
  'correctsReceiptId',
]);

/**
 * `{ receipts: [...] }`: every problem of every receipt at once, named `receipts[i].field`,
 * never quoting a value. A person is named by exactly one of `nik` (read as every NIK is,
 * docs/import.md) and `recipientId` (the record id the lists show).
 */
export function parseReceiptRequest(body: unknown): ReceiptEntry[] {
  const receipts = isRecord(body) ? body.receipts : undefined;
  if (!Array.isArray(receipts) || receipts.length === 0) {
    throw new ValidationFailed([
      {
        field: 'receipts',
        reason: bilingual(
          `harus daftar 1-${MAX_RECEIPTS_PER_REQUEST} tanda terima`,
          `must be a list of 1-${MAX_RECEIPTS_PER_REQUEST} receipts`,
        ),
      },
    ]);
  }
  if (receipts.length > MAX_RECEIPTS_PER_REQUEST) {
    throw new ValidationFailed([
      {
        field: 'receipts',
        reason: bilingual(
          `paling banyak ${MAX_RECEIPTS_PER_REQUEST} per permintaan; kirim per kelurahan atau unggah BNBA (XLSX)`,
          `at most ${MAX_RECEIPTS_PER_REQUEST} a request; send them in parts or upload the BNBA (XLSX)`,
        ),
      },
    ]);
  }
  const problems: FieldProblem[] = [];
  const entries = receipts.map((item: unknown, index) =>
    parseEntry(item, `receipts[${index}]`, problems),
  );
  if (problems.length > 0) throw new ValidationFailed(problems);
  return entries as ReceiptEntry[];
}

function parseEntry(item: unknown, at: string, problems: FieldProblem[]): ReceiptEntry | undefined {
  if (!isRecord(item)) {
    problems.push({
      field: at,
      reason: bilingual(
        'harus objek { nik atau recipientId, status, ... }',
        'must be an object { nik or recipientId, status, ... }',
      ),
    });
    return undefined;
  }
  const before = problems.length;
  for (const key of Object.keys(item)) {
    if (!ENTRY_FIELDS.has(key)) {
      problems.push({
        field: `${at}.${key}`,
        reason: bilingual('bukan kolom tanda terima', 'is not a field of a receipt'),
      });
    }
  }
  const person = parsePersonRef(item, at, problems);
  const { content, problems: contentProblems } = readReceiptContent(item);
  for (const p of contentProblems) problems.push({ field: `${at}.${p.field}`, reason: p.reason });
  let correctsReceiptId: string | null = null;
  if (!blank(item.correctsReceiptId)) {
    if (typeof item.correctsReceiptId === 'string' && UUID.test(item.correctsReceiptId)) {
      correctsReceiptId = item.correctsReceiptId.toLowerCase();
    } else {
      problems.push({
        field: `${at}.correctsReceiptId`,
        reason: bilingual(
          'harus id tanda terima (uuid) yang dikoreksi',
          'must be the id (uuid) of the receipt this one corrects',
        ),
      });
    }
  }
  if (problems.length > before || !person || !content) return undefined;
  return { person, content, correctsReceiptId };
}

function parsePersonRef(
  item: Record<string, unknown>,
  at: string,
  problems: FieldProblem[],
): PersonRef | undefined {
  const hasNik = !blank(item.nik);
  const hasId = !blank(item.recipientId);
  if (hasNik === hasId) {
    problems.push({
      field: `${at}.nik`,
      reason: bilingual(
        'isi salah satu: nik atau recipientId',
        'give exactly one of nik and recipientId',
      ),
    });
    return undefined;
  }
  if (hasId) {
    if (typeof item.recipientId === 'string' && UUID.test(item.recipientId)) {
      return { recipientId: item.recipientId.toLowerCase() };
    }
    problems.push({
      field: `${at}.recipientId`,
      reason: bilingual('harus id penerima (uuid)', 'must be a recipient id (uuid)'),
    });
    return undefined;
  }
  if (typeof item.nik !== 'string') {
    problems.push({
      field: `${at}.nik`,
      reason: bilingual('harus teks 16 digit', 'must be text of 16 digits'),
    });
    return undefined;
  }
  const read = readIdNumber(item.nik);
  if (read.ok) return { nik: read.value };
  problems.push({ field: `${at}.nik`, reason: read.reason });
  return undefined;
}

// --- when receipts may be written ----------------------------------------------------------

/** The refusal of any receipt once COMPLETE_COLLECTION has been recorded. */
export function receiptsClosed(): DomainError {
  return new DomainError(
    'TRANSITION_REFUSED',
    bilingual(
      'Pengumpulan BAST/BNBA sudah selesai (COMPLETE_COLLECTION); tanda terima tidak dapat dicatat atau dikoreksi lagi',
      'Collection is complete (COMPLETE_COLLECTION); receipts can no longer be recorded or corrected',
    ),
    { refusal: 'COLLECTION_COMPLETE' },
  );
}

/** Receipts open when the parcels reach the kecamatan (step 15) and close with collection. */
export const RECEIPTS_OPEN_AT_STEP = 15;

/**
 * Why no receipt may be written now, or null. Before step 15 there is no parcel to hand
 * over; once COMPLETE_COLLECTION has been recorded the LPJ's figures are final.
 */
export function receiptWindowRefusal(allocation: {
  readonly stepNo: number;
  readonly step: string;
  readonly done: boolean;
  readonly collectionComplete?: boolean;
}): DomainError | null {
  if (allocation.done || allocation.collectionComplete) return receiptsClosed();
  if (allocation.stepNo < RECEIPTS_OPEN_AT_STEP) {
    return new DomainError(
      'TRANSITION_REFUSED',
      bilingual(
        `Tanda terima KPM dicatat mulai langkah ${RECEIPTS_OPEN_AT_STEP} (distribusi); alokasi ini di langkah ${allocation.stepNo} (${allocation.step})`,
        `KPM receipts are recorded from step ${RECEIPTS_OPEN_AT_STEP} (distribution); this allocation is at step ${allocation.stepNo} (${allocation.step})`,
      ),
      { refusal: 'NOT_AT_DISTRIBUTION', stepNo: allocation.stepNo, step: allocation.step },
    );
  }
  return null;
}

// --- a receipt against the ones already recorded -------------------------------------------

/** A receipt as stored: its id, whose it is, what it says and whether it was corrected. */
export interface StoredReceipt {
  readonly id: string;
  readonly recipientId: string;
  readonly content: ReceiptContent;
  /** The receipt that replaced this one, if any. */
  readonly correctedBy: string | null;
}

export type ReceiptMove =
  | { readonly kind: 'insert'; readonly corrects: string | null }
  | { readonly kind: 'unchanged'; readonly receiptId: string };

/** A refusal of one receipt; a conflict (409) is a second receipt, the rest are 400. */
export interface ReceiptRefusal {
  readonly conflict: boolean;
  readonly reason: string;
}

export type ReceiptJudgement =
  | { readonly ok: true; readonly move: ReceiptMove }
  | { readonly ok: false; readonly refusal: ReceiptRefusal };

export function sameContent(a: ReceiptContent, b: ReceiptContent): boolean {
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.proxyName === b.proxyName &&
    a.proxyRelationship === b.proxyRelationship &&
    a.note === b.note &&
    a.evidenceId === b.evidenceId
  );
}

function describe(content: ReceiptContent): string {
  const status = RECEIPT_STATUSES[content.status];
  const reason = content.reason ? NOT_RECEIVED_REASONS[content.reason] : undefined;
  return reason ? `${status.id}: ${reason.id}` : status.id;
}

/**
 * At most one receipt per person: a new receipt for a person who has one is refused unless
 * it corrects the one in force (`correctsReceiptId`), which it then replaces; the old one
 * is kept. Sending what is already recorded changes nothing, so a retried request (or the
 * same row in a later upload) is harmless.
 *
 * `current` is the person's receipt in force; `target` the receipt a correction names and
 * `targetCurrent` the one in force after it (itself, unless it was corrected since).
 */
export function judgeReceipt(
  entry: Pick<ReceiptEntry, 'content' | 'correctsReceiptId'>,
  person: { readonly recipientId: string; readonly label: string },
  current: StoredReceipt | undefined,
  target?: StoredReceipt,
): ReceiptJudgement {
  const refused = (conflict: boolean, reason: string): ReceiptJudgement => ({
    ok: false,
    refusal: { conflict, reason },
  });
  const move = (m: ReceiptMove): ReceiptJudgement => ({ ok: true, move: m });
  if (entry.correctsReceiptId === null) {
    if (!current) return move({ kind: 'insert', corrects: null });
    if (sameContent(current.content, entry.content)) {
      return move({ kind: 'unchanged', receiptId: current.id });
    }
    return refused(
      true,
      bilingual(
        `${person.label} sudah punya tanda terima ${current.id} (${describe(current.content)}); untuk mengubahnya kirim koreksi dengan correctsReceiptId ${current.id}`,
        `${person.label} already has receipt ${current.id} (${RECEIPT_STATUSES[current.content.status].en}); to change it send a correction with correctsReceiptId ${current.id}`,
      ),
    );
  }
  if (!target || target.recipientId !== person.recipientId) {
    return refused(
      false,
      bilingual(
        `${entry.correctsReceiptId} bukan tanda terima ${person.label} di alokasi ini`,
        `${entry.correctsReceiptId} is not a receipt of ${person.label} in this allocation`,
      ),
    );
  }
  if (target.correctedBy === null) {
    return sameContent(target.content, entry.content)
      ? move({ kind: 'unchanged', receiptId: target.id })
      : move({ kind: 'insert', corrects: target.id });
  }
  // Corrected already: the same correction again (a retry) changes nothing.
  if (current && target.correctedBy === current.id && sameContent(current.content, entry.content)) {
    return move({ kind: 'unchanged', receiptId: current.id });
  }
  return refused(
    true,
    bilingual(
      `tanda terima ${target.id} sudah dikoreksi oleh ${target.correctedBy}; koreksi yang berlaku (${current?.id ?? target.correctedBy})`,
      `receipt ${target.id} was already corrected by ${target.correctedBy}; correct the one in force (${current?.id ?? target.correctedBy})`,
    ),
  );
}

// --- reconciliation -------------------------------------------------------------------------

/** A kelurahan's receipts as counted in the database. */
export interface KelurahanReceiptCounts {
  readonly kelurahanCode: string;
  /** Persons on the kelurahan's BNBA (the SK in force). */
  readonly listed: number;
  readonly received: number;
  readonly receivedByProxy: number;
  readonly notReceived: Readonly<Record<NotReceivedReason, number>>;
}

export interface KelurahanReconciliation {
  readonly kelurahanCode: string;
  readonly listed: number;
  readonly received: number;
  readonly receivedByProxy: number;
  /** Parcels in a family's hands: received, by the KPM or its proxy. */
  readonly distributed: number;
  /** Parcels that went back, each with its reason. */
  readonly returned: number;
  readonly returnedByReason: Readonly<Record<NotReceivedReason, number>>;
  /** Persons on the BNBA without a receipt yet. */
  readonly pending: number;
}

export const NO_RETURNS: Readonly<Record<NotReceivedReason, number>> = {
  pindah: 0,
  meninggal: 0,
  tidak_ditemukan: 0,
  menolak: 0,
};

export function reconcileKelurahan(counts: KelurahanReceiptCounts): KelurahanReconciliation {
  const distributed = counts.received + counts.receivedByProxy;
  const returned = NOT_RECEIVED_REASON_NAMES.reduce((sum, r) => sum + counts.notReceived[r], 0);
  return {
    kelurahanCode: counts.kelurahanCode,
    listed: counts.listed,
    received: counts.received,
    receivedByProxy: counts.receivedByProxy,
    distributed,
    returned,
    returnedByReason: { ...counts.notReceived },
    pending: counts.listed - distributed - returned,
  };
}

export type ReceiptTotals = Omit<KelurahanReconciliation, 'kelurahanCode'>;

/** The kecamatan's figures: the sum of its kelurahan's. */
export function sumReconciliations(rows: readonly KelurahanReconciliation[]): ReceiptTotals {
  const add = (pick: (row: KelurahanReconciliation) => number) =>
    rows.reduce((sum, row) => sum + pick(row), 0);
  return {
    listed: add((r) => r.listed),
    received: add((r) => r.received),
    receivedByProxy: add((r) => r.receivedByProxy),
    distributed: add((r) => r.distributed),
    returned: add((r) => r.returned),
    returnedByReason: Object.fromEntries(
      NOT_RECEIVED_REASON_NAMES.map((reason) => [reason, add((r) => r.returnedByReason[reason])]),
    ) as Record<NotReceivedReason, number>,
    pending: add((r) => r.pending),
  };
}

const signed = (n: number): string => (n > 0 ? `+${n}` : `${n}`);

/**
 * RECORD_DISTRIBUTION for a kelurahan must say what its receipts say: distributedCount the
 * parcels received (by the KPM or a proxy), returnedCount (0 when left out) the parcels not
 * received. Refused naming the kelurahan and the difference.
 */
export function distributionMatchesReceipts(
  claim: {
    readonly kelurahanCode: string;
    readonly distributedCount: number;
    readonly returnedCount?: number;
  },
  counted: KelurahanReconciliation,
): Verdict<void> {
  const returnedCount = claim.returnedCount ?? 0;
  const distributedDiff = claim.distributedCount - counted.distributed;
  const returnedDiff = returnedCount - counted.returned;
  if (distributedDiff === 0 && returnedDiff === 0) return allow(undefined);
  const k = claim.kelurahanCode;
  const id: string[] = [];
  const en: string[] = [];
  if (distributedDiff !== 0) {
    id.push(
      `distributedCount ${claim.distributedCount} berbeda dari ${counted.distributed} tanda terima diterima (selisih ${signed(distributedDiff)})`,
    );
    en.push(
      `distributedCount ${claim.distributedCount} differs from the ${counted.distributed} receipts marked received (difference ${signed(distributedDiff)})`,
    );
  }
  if (returnedDiff !== 0) {
    id.push(
      `returnedCount ${returnedCount} berbeda dari ${counted.returned} paket tidak diterima (selisih ${signed(returnedDiff)})`,
    );
    en.push(
      `returnedCount ${returnedCount} differs from the ${counted.returned} parcels not received (difference ${signed(returnedDiff)})`,
    );
  }
  if (counted.pending > 0) {
    id.push(`${counted.pending} orang di BNBA belum punya tanda terima`);
    en.push(
      counted.pending === 1
        ? '1 person on its BNBA has no receipt yet'
        : `${counted.pending} persons on its BNBA have no receipt yet`,
    );
  }
  return refuse(
    new DomainError(
      'TRANSITION_REFUSED',
      bilingual(`Kelurahan ${k}: ${id.join('; ')}`, `Kelurahan ${k}: ${en.join('; ')}`),
      {
        code: 'RECEIPTS_DIFFER',
        kelurahanCode: k,
        distributedCount: claim.distributedCount,
        received: counted.distributed,
        difference: distributedDiff,
        returnedCount,
        notReceived: counted.returned,
        returnedDifference: returnedDiff,
        pending: counted.pending,
      },
    ),
  );
}

// --- refusals of a whole request or file ------------------------------------------------

/** A problem placed where the client wrote it: a JSON field, or a sheet's line and column. */
export interface PlacedReceiptProblem {
  /** The sheet's row number, for a file. */
  readonly line?: number;
  /** `receipts[2].nik` in a request; the column name in a file. */
  readonly field: string;
  readonly reason: string;
  /** A second receipt for a person (409), rather than a mistake in what was sent (400). */
  readonly conflict: boolean;
}

/** Rows listed in one answer; the totals are always exact. */
export const MAX_LISTED_PROBLEMS = 1_000;

/**
 * Nothing was recorded: every problem listed by field (request) or line and column (file).
 * 409 ALREADY_EXISTS when each problem is a receipt that exists already, 400 otherwise.
 */
export function receiptsRefused(problems: readonly PlacedReceiptProblem[]): DomainError {
  const code = problems.every((p) => p.conflict) ? 'ALREADY_EXISTS' : 'VALIDATION_FAILED';
  const first = problems[0];
  const more = problems.length - 1;
  const place =
    first.line === undefined
      ? first.field
      : bilingual(
          `baris ${first.line}, kolom ${first.field}`,
          `line ${first.line}, column ${first.field}`,
        );
  const message =
    `${bilingual('Tidak ada tanda terima yang dicatat', 'No receipt was recorded')}: ` +
    `${place}: ${first.reason}` +
    (more > 0 ? ` (${bilingual(`dan ${more} masalah lain`, `and ${more} more`)})` : '');
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (first.line === undefined) {
    return new DomainError(code, message, {
      fields: listed.map(({ field, reason }) => ({ field, reason })),
      problemCount: problems.length,
    });
  }
  const badRows = new Set(problems.map((p) => p.line)).size;
  return new DomainError(code, message, {
    fields: [
      {
        field: 'file',
        reason: bilingual(
          `${badRows} baris bermasalah; tidak ada yang dicatat`,
          `${badRows} row(s) have problems; nothing was recorded`,
        ),
      },
    ],
    rows: listed.map(({ line, field, reason }) => ({ line, column: field, reason })),
    problemCount: problems.length,
    badRowCount: badRows,
    listedCount: listed.length,
  });
}
