import type { EntityManager } from 'typeorm';
import { maskedNik } from '@salur/libs/domain/nik-mask';
import {
  bilingual,
  judgeReceipt,
  personLabel,
  receiptsClosed,
  type ReceiptContent,
  type ReceiptEntry,
  type ReceiptMove,
  type PrintedBnbaRow,
  type ReceiptStatus,
  type StoredReceipt,
} from '@salur/libs/domain/receipt';
import { BNBA_ORDER, skInForceIdSql } from '../documents/bast-bnba-source';

/** One receipt to write, as the request or the sheet named it. */
export interface ReceiptWrite extends ReceiptEntry {
  /** The NIK came from a number cell of a spreadsheet, which keeps 15 digits of it. */
  readonly nikFromNumber?: boolean;
}

/** Receipts of one kelurahan of one allocation, written together or not at all. */
export interface ReceiptBatch {
  readonly workflowId: string;
  readonly kecamatanCode: string;
  readonly kelurahanCode: string;
  readonly recordedBy: string;
  readonly role: string;
  readonly entries: readonly ReceiptWrite[];
  /** How a message names entry `index`: `receipts[3]`, `baris 12 / line 12`. */
  readonly placeOf: (index: number) => string;
}

/** What is wrong with one entry; `field` is where: the person, the correction or the photo. */
export interface ReceiptWriteProblem {
  readonly index: number;
  readonly field: 'person' | 'correctsReceiptId' | 'evidenceId';
  /** For a printed BNBA row: the sheet's column that does not match the list. */
  readonly column?: 'no' | 'nik' | 'nama';
  readonly conflict: boolean;
  readonly reason: string;
}

export interface WrittenReceipt {
  readonly receiptId: string;
  readonly recipientId: string;
  /** Masked: `************` and the last four digits. */
  readonly nik: string;
  readonly status: ReceiptStatus;
  readonly correctsReceiptId: string | null;
  /** False when the same receipt was already recorded (nothing was written). */
  readonly created: boolean;
}

/** What will be written, once every entry has passed. */
export interface ReceiptPlan {
  readonly entries: readonly {
    readonly recipientId: string;
    readonly nikTail: string | null;
    readonly content: ReceiptContent;
    readonly move: ReceiptMove;
  }[];
}

export type PlanOutcome =
  | { readonly ok: true; readonly plan: ReceiptPlan }
  | { readonly ok: false; readonly problems: readonly ReceiptWriteProblem[] };

/** Serialises an allocation's receipt writes, its distribution check and its collection. */
export async function lockReceipts(tx: EntityManager, workflowId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('salur:receipts:' || $1))`, [workflowId]);
}

/**
 * Refuses once COMPLETE_COLLECTION's activity has recorded the allocation's collection. Run
 * under lockReceipts: the collection takes the same lock, so no receipt slips in after it.
 */
export async function refuseAfterCollection(tx: EntityManager, workflowId: string): Promise<void> {
  const [{ done }]: { done: boolean }[] = await tx.query(
    `SELECT EXISTS (SELECT 1 FROM sop_step_record
                     WHERE workflow_id = $1 AND step = 'collection-complete') AS done`,
    [workflowId],
  );
  if (done) throw receiptsClosed();
}

interface Resolution {
  ord: number;
  candidates: number;
  recipient_id: string | null;
  nik_tail: string | null;
  /** A printed row: its No is on the BNBA, and that person's NIK tail and name are the row's. */
  no_found: boolean | null;
  tail_ok: boolean | null;
  name_ok: boolean | null;
}

/** A name compared as printed: case and runs of spaces aside. */
const sameName = (a: string, b: string) =>
  `upper(regexp_replace(btrim(${a}), '\\s+', ' ', 'g')) = upper(regexp_replace(btrim(${b}), '\\s+', ' ', 'g'))`;

/**
 * Finds each named person on the kelurahan's BNBA, in one statement for the whole batch: by
 * record id, by NIK, or for a NIK from a number cell (whose 16th digit Excel wrote as 0) by
 * its first 15 digits, which must then name one person only.
 */
function resolvePersons(tx: EntityManager, batch: ReceiptBatch): Promise<Resolution[]> {
  const nikOf = (e: ReceiptWrite) => ('nik' in e.person ? e.person.nik : null);
  const idOf = (e: ReceiptWrite) => ('recipientId' in e.person ? e.person.recipientId : null);
  const printedOf = (e: ReceiptWrite) => ('printed' in e.person ? e.person.printed : null);
  return tx.query(
    `WITH input AS (
       SELECT * FROM unnest($4::int[], $5::text[], $6::bool[], $7::uuid[], $8::int[], $9::text[],
                            $10::text[])
                  AS i(ord, nik, from_number, recipient_id, no, nik_tail, name)
     ),
     bnba AS (
       SELECT recipient_id, nik FROM kpm_bnba
        WHERE workflow_id = $1 AND kecamatan_code = $2 AND kelurahan_code = $3
     ),
     -- The list as the BNBA prints it, numbered: a printed row is found by its No.
     printed AS (
       SELECT s.recipient_id, s.nik, p.name, row_number() OVER (ORDER BY ${BNBA_ORDER})::int AS no
         FROM sk_recipient s JOIN proposed_recipient p ON p.id = s.recipient_id
        WHERE s.sk_id = ${skInForceIdSql('$1')} AND s.kecamatan_code = $2 AND s.kelurahan_code = $3
     ),
     at_no AS (
       SELECT i.ord, pr.recipient_id, right(pr.nik, 4) = i.nik_tail AS tail_ok,
              ${sameName("coalesce(pr.name, '')", 'i.name')} AS name_ok
         FROM input i JOIN printed pr ON pr.no = i.no
     ),
     matched AS (
       SELECT i.ord, b.recipient_id, b.nik FROM input i JOIN bnba b ON b.recipient_id = i.recipient_id
       UNION ALL
       SELECT i.ord, b.recipient_id, b.nik FROM input i JOIN bnba b ON b.nik = i.nik
       UNION ALL
       SELECT i.ord, b.recipient_id, b.nik FROM input i
         JOIN bnba b ON left(b.nik, 15) = left(i.nik, 15) AND b.nik <> i.nik
        WHERE i.from_number AND right(i.nik, 1) = '0'
       UNION ALL
       SELECT a.ord, b.recipient_id, b.nik FROM at_no a JOIN bnba b ON b.recipient_id = a.recipient_id
        WHERE a.tail_ok AND a.name_ok
     )
     SELECT i.ord, count(m.recipient_id)::int AS candidates,
            min(m.recipient_id::text) AS recipient_id, min(right(m.nik, 4)) AS nik_tail,
            CASE WHEN i.no IS NOT NULL THEN count(a.ord) > 0 END AS no_found,
            bool_and(a.tail_ok) AS tail_ok, bool_and(a.name_ok) AS name_ok
       FROM input i LEFT JOIN matched m ON m.ord = i.ord LEFT JOIN at_no a ON a.ord = i.ord
      GROUP BY i.ord, i.no ORDER BY i.ord`,
    [
      batch.workflowId,
      batch.kecamatanCode,
      batch.kelurahanCode,
      batch.entries.map((_, i) => i),
      batch.entries.map(nikOf),
      batch.entries.map((e) => e.nikFromNumber ?? false),
      batch.entries.map(idOf),
      batch.entries.map((e) => printedOf(e)?.no ?? null),
      batch.entries.map((e) => printedOf(e)?.nikTail ?? null),
      batch.entries.map((e) => printedOf(e)?.name ?? null),
    ],
  );
}

interface ReceiptRow {
  id: string;
  recipient_id: string;
  status: ReceiptStatus;
  reason: ReceiptContent['reason'];
  proxy_name: string | null;
  proxy_relationship: string | null;
  note: string | null;
  evidence_id: string | null;
  corrected_by: string | null;
}

/** Every receipt of these persons, and the receipts named by corrections, in this allocation. */
async function storedReceipts(
  tx: EntityManager,
  workflowId: string,
  recipientIds: string[],
  receiptIds: string[],
): Promise<StoredReceipt[]> {
  const rows: ReceiptRow[] = await tx.query(
    `SELECT r.id, r.recipient_id, r.status, r.reason, r.proxy_name, r.proxy_relationship, r.note,
            r.evidence_id, c.id AS corrected_by
       FROM kpm_receipt r LEFT JOIN kpm_receipt c ON c.corrects_receipt_id = r.id
      WHERE r.workflow_id = $1 AND (r.recipient_id = ANY($2::uuid[]) OR r.id = ANY($3::uuid[]))`,
    [workflowId, recipientIds, receiptIds],
  );
  return rows.map((r) => ({
    id: r.id,
    recipientId: r.recipient_id,
    correctedBy: r.corrected_by,
    content: {
      status: r.status,
      reason: r.reason,
      proxyName: r.proxy_name,
      proxyRelationship: r.proxy_relationship,
      note: r.note,
      evidenceId: r.evidence_id,
    },
  }));
}

/** Why a photo cannot go with a receipt of this kelurahan, or undefined when it can. */
async function photoProblems(
  tx: EntityManager,
  batch: ReceiptBatch,
): Promise<Map<string, string | undefined>> {
  const ids = [...new Set(batch.entries.flatMap((e) => e.content.evidenceId ?? []))];
  const found: { id: string; kind: string; kelurahan_code: string | null }[] =
    ids.length === 0
      ? []
      : await tx.query(
          `SELECT id, kind, kelurahan_code FROM evidence WHERE workflow_id = $1 AND id = ANY($2::uuid[])`,
          [batch.workflowId, ids],
        );
  return new Map(
    ids.map((id) => {
      const photo = found.find((f) => f.id === id);
      if (!photo) {
        return [
          id,
          bilingual(
            `bukti ${id} tidak ada di alokasi ini`,
            `evidence ${id} is not evidence of this allocation`,
          ),
        ];
      }
      if (photo.kind !== 'photo_distribution') {
        return [
          id,
          bilingual(
            `bukti ${id} bukan foto distribusi (photo_distribution)`,
            `evidence ${id} is not a distribution photo (photo_distribution)`,
          ),
        ];
      }
      if (photo.kelurahan_code !== null && photo.kelurahan_code !== batch.kelurahanCode) {
        return [
          id,
          bilingual(
            `foto ${id} milik kelurahan ${photo.kelurahan_code}`,
            `photo ${id} belongs to kelurahan ${photo.kelurahan_code}`,
          ),
        ];
      }
      return [id, undefined];
    }),
  );
}

/**
 * Checks every entry of the batch against the BNBA and the receipts already recorded, and
 * says what to write; nothing is written here. Call under lockReceipts.
 */
export async function planReceipts(tx: EntityManager, batch: ReceiptBatch): Promise<PlanOutcome> {
  const resolutions = await resolvePersons(tx, batch);
  const resolved = resolutions.flatMap((r) => r.recipient_id ?? []);
  const targets = batch.entries.flatMap((e) => e.correctsReceiptId ?? []);
  const stored = await storedReceipts(tx, batch.workflowId, resolved, targets);
  const photos = await photoProblems(tx, batch);

  const problems: ReceiptWriteProblem[] = [];
  const entries: ReceiptPlan['entries'][number][] = [];
  const firstIndexOf = new Map<string, number>();
  batch.entries.forEach((entry, index) => {
    const problem = (field: ReceiptWriteProblem['field'], reason: string, conflict = false) =>
      problems.push({ index, field, reason, conflict });
    const label = personLabel(entry.person);
    const resolution = resolutions[index];
    if (resolution.candidates !== 1 || resolution.recipient_id === null) {
      if ('printed' in entry.person) {
        const { column, reason } = printedRowMismatch(entry.person.printed, batch, resolution);
        problems.push({ index, field: 'person', column, reason, conflict: false });
      } else {
        problem('person', notOnBnba(label, batch.kelurahanCode, resolution, entry));
      }
      return;
    }
    const recipientId = resolution.recipient_id;
    const earlier = firstIndexOf.get(recipientId);
    if (earlier !== undefined) {
      problem(
        'person',
        bilingual(
          `${label} disebut dua kali dalam kiriman ini (juga ${batch.placeOf(earlier)})`,
          `${label} is named twice in this request (also ${batch.placeOf(earlier)})`,
        ),
      );
      return;
    }
    firstIndexOf.set(recipientId, index);
    const photoProblem = entry.content.evidenceId
      ? photos.get(entry.content.evidenceId)
      : undefined;
    if (photoProblem) problem('evidenceId', photoProblem);

    const current = stored.find((s) => s.recipientId === recipientId && s.correctedBy === null);
    const target = stored.find((s) => s.id === entry.correctsReceiptId);
    const verdict = judgeReceipt(entry, { recipientId, label }, current, target);
    if (!verdict.ok) {
      const field = entry.correctsReceiptId === null ? 'person' : 'correctsReceiptId';
      problem(field, verdict.refusal.reason, verdict.refusal.conflict);
      return;
    }
    entries.push({
      recipientId,
      nikTail: resolution.nik_tail,
      content: entry.content,
      move: verdict.move,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan: { entries } };
}

function notOnBnba(
  label: string,
  kelurahanCode: string,
  resolution: Resolution,
  entry: ReceiptWrite,
): string {
  if (resolution.candidates > 1) {
    return bilingual(
      `${label} tersimpan sebagai angka di Excel (hanya 15 digit) dan cocok dengan ${resolution.candidates} orang di BNBA; format kolom NIK sebagai Teks dan ketik ulang`,
      `${label} was stored as a number in Excel (15 digits kept) and matches ${resolution.candidates} persons on the BNBA; format the NIK column as Text and type it again`,
    );
  }
  const hint = entry.nikFromNumber
    ? {
        id: ' (tersimpan sebagai angka di Excel, yang dapat mengubah digit terakhir)',
        en: ' (stored as a number in Excel, which may have changed its last digit)',
      }
    : { id: '', en: '' };
  return bilingual(
    `${label} tidak ada di BNBA kelurahan ${kelurahanCode} (SK yang berlaku)${hint.id}`,
    `${label} is not on the BNBA of kelurahan ${kelurahanCode} (the SK in force)${hint.en}`,
  );
}

/**
 * Why a printed row names nobody on the BNBA: its No is not on the list, or the person at that
 * No has another NIK or name (the row was changed, or the list was printed again since).
 * Never quotes a name.
 */
function printedRowMismatch(
  row: PrintedBnbaRow,
  batch: ReceiptBatch,
  resolution: Resolution,
): { column: 'no' | 'nik' | 'nama'; reason: string } {
  const list = {
    id: `BNBA kelurahan ${batch.kelurahanCode}`,
    en: `the BNBA of kelurahan ${batch.kelurahanCode}`,
  };
  if (!resolution.no_found) {
    return {
      column: 'no',
      reason: bilingual(
        `No ${row.no} tidak ada di ${list.id}`,
        `No ${row.no} is not on ${list.en}`,
      ),
    };
  }
  const reprinted = {
    id: 'baris diubah, atau BNBA dicetak ulang sejak itu: unduh BNBA yang berlaku',
    en: 'the row was changed, or the BNBA was printed again since: download the current BNBA',
  };
  if (!resolution.tail_ok) {
    return {
      column: 'nik',
      reason: bilingual(
        `${maskedNik(row.nikTail)} bukan NIK No ${row.no} pada ${list.id}; ${reprinted.id}`,
        `${maskedNik(row.nikTail)} is not the NIK of No ${row.no} on ${list.en}; ${reprinted.en}`,
      ),
    };
  }
  if (!resolution.name_ok) {
    return {
      column: 'nama',
      reason: bilingual(
        `bukan nama No ${row.no} pada ${list.id}; ${reprinted.id}`,
        `is not the name of No ${row.no} on ${list.en}; ${reprinted.en}`,
      ),
    };
  }
  return {
    column: 'no',
    reason: bilingual(
      `No ${row.no} tidak lagi di ${list.id} (SK yang berlaku)`,
      `No ${row.no} is no longer on ${list.en} (the SK in force)`,
    ),
  };
}

/** Writes the plan's new receipts in one statement; answers every entry in request order. */
export async function writePlan(
  tx: EntityManager,
  batch: ReceiptBatch,
  plan: ReceiptPlan,
  uploadId: string | null = null,
): Promise<WrittenReceipt[]> {
  const inserts = plan.entries.filter((e) => e.move.kind === 'insert');
  const column = <T>(pick: (e: ReceiptPlan['entries'][number]) => T) => inserts.map(pick);
  const inserted: { id: string; recipient_id: string }[] =
    inserts.length === 0
      ? []
      : await tx.query(
          `INSERT INTO kpm_receipt (workflow_id, kecamatan_code, kelurahan_code, recipient_id,
                                    status, reason, proxy_name, proxy_relationship, note,
                                    evidence_id, corrects_receipt_id, upload_id, recorded_by, role)
           SELECT $1, $2, $3, u.recipient_id, u.status, u.reason, u.proxy_name,
                  u.proxy_relationship, u.note, u.evidence_id, u.corrects, $4, $5, $6
             FROM unnest($7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[],
                         $12::text[], $13::uuid[], $14::uuid[])
                  AS u(recipient_id, status, reason, proxy_name, proxy_relationship, note,
                       evidence_id, corrects)
           RETURNING id, recipient_id`,
          [
            batch.workflowId,
            batch.kecamatanCode,
            batch.kelurahanCode,
            uploadId,
            batch.recordedBy,
            batch.role,
            column((e) => e.recipientId),
            column((e) => e.content.status),
            column((e) => e.content.reason),
            column((e) => e.content.proxyName),
            column((e) => e.content.proxyRelationship),
            column((e) => e.content.note),
            column((e) => e.content.evidenceId),
            column((e) => (e.move.kind === 'insert' ? e.move.corrects : null)),
          ],
        );
  const idOf = new Map(inserted.map((row) => [row.recipient_id, row.id]));
  return plan.entries.map((e) => ({
    receiptId: e.move.kind === 'insert' ? idOf.get(e.recipientId)! : e.move.receiptId,
    recipientId: e.recipientId,
    nik: maskedNik(e.nikTail),
    status: e.content.status,
    correctsReceiptId: e.move.kind === 'insert' ? e.move.corrects : null,
    created: e.move.kind === 'insert',
  }));
}
