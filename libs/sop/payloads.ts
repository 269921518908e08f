import * as z from 'zod';
import {
  CALENDAR_DATE_SHAPE,
  isCalendarDate,
  isNip,
  KECAMATAN_CODE,
  KELURAHAN_CODE,
} from '../shared';

export { isCalendarDate, KECAMATAN_CODE, KELURAHAN_CODE };

// Zod compiles object parsers with `new Function` when it can; Temporal's workflow sandbox
// forbids that, so the interpreter is used everywhere (the same code runs in API and worker).
z.config({ jitless: true });

/**
 * The fields of every SOP event, described once. Events arrive from HTTP and from activities
 * as plain JSON, so every field is checked before a guard looks at it, and unknown fields are
 * refused so that lists of persons cannot ride along into workflow history. Payloads carry only
 * ids, document numbers, region codes and counts: persons and NIKs stay in the database.
 */

const ID = /^[A-Za-z0-9][A-Za-z0-9 ._/:-]{0,99}$/;
// A NIK or KK number is 16 digits; refusing long digit runs keeps them out of free text.
const NIK_LIKE = /\d{16}/;
const MAX_TEXT = 500;
const MAX_KELURAHAN = 200;
const MAX_NAME = 100;
const MAX_RUPIAH = 1_000_000_000;
const MAX_ITEMS = 30;
// Letters of any script (names like "Ni Ketut Sri Rahayu", "H. Muh. Ali'in, S.Sos").
const PERSON_NAME = /^\p{L}[\p{L}\p{M} .,'-]*$/u;
const UNIT = /^\p{L}[\p{L} .]{0,19}$/u;

/** What a complaint is about (the BA Monev groups them so). */
export const COMPLAINT_KINDS = [
  'tidak_menerima',
  'kualitas_barang',
  'jumlah_kurang',
  'salah_sasaran',
  'jadwal',
  'lainnya',
] as const;
/** Who brought the complaint. */
export const COMPLAINT_SOURCES = [
  'warga',
  'rt_rw',
  'kelurahan',
  'kecamatan',
  'media',
  'lainnya',
] as const;

export const REASONS = {
  id: 'must be an id or document number: 1-100 letters, digits, spaces or . _ / : -',
  count: 'must be a whole number >= 0',
  flag: 'must be true or false',
  date: 'must be a calendar date written YYYY-MM-DD',
  text: `must be text of 1-${MAX_TEXT} characters`,
  nik: 'must not contain a NIK or KK number (16 digits)',
  kelurahanCode: 'must be a kelurahan code like 33.74.01.1001',
  kelurahanCodes: `must be a list of 1-${MAX_KELURAHAN} kelurahan codes`,
  personName: `must be a name of 1-${MAX_NAME} letters, spaces or . , ' -`,
  nip: 'must be an NIP: 18 digits (date of birth, appointment, sex, serial), like 19680512 199403 1 007',
  official: 'must be the official who signs: { name, nip? }',
  assessment: 'must be the monev assessment: { onTime, onTarget, useful }, each true or false',
  rupiah: `must be a whole number of rupiah from 1 to ${MAX_RUPIAH}`,
  quantity: 'must be a number above 0, at most 10000, with at most 2 decimals',
  unit: 'must be a unit of 1-20 letters, like kg, liter or bungkus',
  items: `must be a list of 1-${MAX_ITEMS} items { name, quantity, unit }`,
  complaintKind: `must be one of ${COMPLAINT_KINDS.join(', ')}`,
  complaintSource: `must be one of ${COMPLAINT_SOURCES.join(', ')}`,
} as const;

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const noNik = (value: string) => !NIK_LIKE.test(value);
// One reason per field: each check stops the field's later checks when it fails.
const fail = (error: string) => ({ error, abort: true });

/** The kinds of field an event may have; each says in its own words what it wants. */
export const field = {
  id: () =>
    z
      .string({ error: REASONS.id })
      .regex(ID, fail(REASONS.id))
      .refine((v) => v === v.trim(), fail(REASONS.id))
      .refine(noNik, { error: REASONS.nik }),
  count: () => z.int({ error: REASONS.count }).min(0, { error: REASONS.count }),
  flag: () => z.boolean({ error: REASONS.flag }),
  date: () =>
    z
      .string({ error: REASONS.date })
      .regex(CALENDAR_DATE_SHAPE, fail(REASONS.date))
      .refine(isCalendarDate, { error: REASONS.date }),
  text: () =>
    z
      .string({ error: REASONS.text })
      .min(1, fail(REASONS.text))
      .max(MAX_TEXT, fail(REASONS.text))
      .refine((v) => v.trim() !== '', fail(REASONS.text))
      .refine(noNik, { error: REASONS.nik }),
  kelurahanCode: () =>
    z.string({ error: REASONS.kelurahanCode }).regex(KELURAHAN_CODE, REASONS.kelurahanCode),
  kelurahanCodes: () =>
    z
      .array(field.kelurahanCode(), { error: REASONS.kelurahanCodes })
      .min(1, fail(REASONS.kelurahanCodes))
      .max(MAX_KELURAHAN, fail(REASONS.kelurahanCodes))
      .superRefine(
        (codes, ctx) => {
          if (!Array.isArray(codes)) return;
          const seen = new Set<unknown>();
          // An invalid code listed twice keeps only its own problem: problemsOf reports one
          // problem a field, the item's first.
          codes.forEach((code, i) => {
            if (seen.has(code))
              ctx.addIssue({ code: 'custom', path: [i], message: `lists ${code} twice` });
            seen.add(code);
          });
        },
        { when: () => true },
      ),
  personName: () =>
    z
      .string({ error: REASONS.personName })
      .max(MAX_NAME, fail(REASONS.personName))
      .regex(PERSON_NAME, fail(REASONS.personName))
      .refine((v) => v === v.trim(), { error: REASONS.personName }),
  /** A named official who signs: the Camat, a Lurah, the head of an office. */
  official: () =>
    z.strictObject(
      { name: field.personName(), nip: field.nip().optional() },
      { error: REASONS.official },
    ),
  nip: () => z.string({ error: REASONS.nip }).refine(isNip, { error: REASONS.nip }),
  rupiah: () =>
    z
      .int({ error: REASONS.rupiah })
      .min(1, { error: REASONS.rupiah })
      .max(MAX_RUPIAH, { error: REASONS.rupiah }),
  items: () =>
    z
      .array(
        z.strictObject({
          name: field.text(),
          quantity: z
            .number({ error: REASONS.quantity })
            .gt(0, fail(REASONS.quantity))
            .max(10_000, fail(REASONS.quantity))
            .multipleOf(0.01, { error: REASONS.quantity }),
          unit: z.string({ error: REASONS.unit }).regex(UNIT, REASONS.unit),
        }),
        { error: REASONS.items },
      )
      .min(1, fail(REASONS.items))
      .max(MAX_ITEMS, fail(REASONS.items)),
  complaintKind: () => z.enum(COMPLAINT_KINDS, { error: REASONS.complaintKind }),
  complaintSource: () => z.enum(COMPLAINT_SOURCES, { error: REASONS.complaintSource }),
  assessment: () =>
    z.strictObject(
      { onTime: field.flag(), onTarget: field.flag(), useful: field.flag() },
      { error: REASONS.assessment },
    ),
};

/** Every SOP event's fields, in the SOP's order. A new event is one entry here. */
export const EVENT_FIELDS = {
  SEND_QUOTA_LETTER: { letterNo: field.id() },
  SUBMIT_REQUEST_LETTER: {
    letterNo: field.id(),
    letterDate: field.date(),
    acknowledgedByCamat: field.flag(),
    camat: field.official().optional(),
  },
  SUBMIT_PROPOSALS: { batchId: field.id(), proposedCount: field.count() },
  VERVAL_COMPLETED: { vervalRunId: field.id(), accepted: field.count(), rejected: field.count() },
  RESUBMIT_CORRECTIONS: {
    batchId: field.id(),
    resubmitted: field.count(),
    withdrawn: field.count(),
  },
  DRAFT_SK: { skDraftId: field.id(), amountPerKpm: field.rupiah().optional() },
  APPROVE_SK: { skNo: field.id() },
  REJECT_SK: { reason: field.text() },
  PRINT_BAST_BNBA: { kelurahanCodes: field.kelurahanCodes() },
  SIGN_SPK: {
    spkNo: field.id(),
    vendorId: field.id(),
    vendorName: field.text().optional(),
    items: field.items().optional(),
    parcelValue: field.rupiah().optional(),
    startDate: field.date().optional(),
    endDate: field.date().optional(),
  },
  REPORT_PACKING: { packedCount: field.count() },
  DECLARE_PACKED: {},
  COORDINATE_READINESS: { readyDate: field.date() },
  VENDOR_READY: {},
  INSPECT: {
    inspectionId: field.id(),
    inspectedCount: field.count(),
    passedCount: field.count(),
    reason: field.text().optional(),
  },
  HAND_OVER: { handedOverCount: field.count() },
  SCHEDULE_DELIVERY: {
    deliveryDate: field.date(),
    agreedByKecamatan: field.official().optional(),
  },
  RESCHEDULE_DELIVERY: {
    deliveryDate: field.date(),
    agreedByKecamatan: field.official().optional(),
  },
  CONFIRM_DELIVERY: { deliveredCount: field.count() },
  RESOLVE_DISCREPANCY: { resolution: field.text(), deliveredCount: field.count() },
  // distributedCount: parcels received (by the KPM or a proxy); returnedCount: parcels not
  // received, each with its reason (issue 15). Both must match the kelurahan's receipts.
  RECORD_DISTRIBUTION: {
    kelurahanCode: field.kelurahanCode(),
    distributedCount: field.count(),
    returnedCount: field.count().optional(),
  },
  RECORD_COMPLAINT: {
    complaintId: field.id(),
    needsAction: field.flag(),
    kelurahanCode: field.kelurahanCode().optional(),
    kind: field.complaintKind().optional(),
    source: field.complaintSource().optional(),
    description: field.text().optional(),
  },
  RESOLVE_COMPLAINT: { complaintId: field.id(), followUp: field.text() },
  SIGN_OFF_MONEV: {
    reportNo: field.id(),
    assessment: field.assessment().optional(),
    fieldProblems: field.text().optional(),
    reportedToTimPembinaOn: field.date().optional(),
  },
  RECORD_SIGNED_BAST: { kelurahanCode: field.kelurahanCode() },
  COMPLETE_COLLECTION: { recapId: field.id() },
} as const satisfies Record<string, z.ZodRawShape>;

export type SopEventType = keyof typeof EVENT_FIELDS;

/** A payload schema: the event's fields and nothing else. */
export type PayloadSchema<T extends SopEventType> = z.ZodObject<
  (typeof EVENT_FIELDS)[T],
  z.core.$strict
>;

export const PAYLOAD_SCHEMAS = Object.fromEntries(
  Object.entries(EVENT_FIELDS).map(([type, shape]) => [type, z.strictObject(shape)]),
) as unknown as { readonly [T in SopEventType]: PayloadSchema<T> };

/**
 * The facts the SOP's documents print (who acknowledged, amount per KPM, the SPK's content,
 * the kecamatan's agreement to the schedule, each complaint's where/what/who, the monev
 * assessment). They are optional in the event schemas above because allocations started before
 * documents existed recorded their events without them, and their histories must replay; an
 * allocation started since (patch `document-facts`) requires them on every new command.
 */
export const DOCUMENT_FACTS = {
  SUBMIT_REQUEST_LETTER: ['camat'],
  DRAFT_SK: ['amountPerKpm'],
  SIGN_SPK: ['vendorName', 'items', 'parcelValue', 'startDate', 'endDate'],
  SCHEDULE_DELIVERY: ['agreedByKecamatan'],
  RESCHEDULE_DELIVERY: ['agreedByKecamatan'],
  RECORD_COMPLAINT: ['kelurahanCode', 'kind', 'source', 'description'],
  SIGN_OFF_MONEV: ['assessment', 'reportedToTimPembinaOn'],
} as const satisfies { [T in SopEventType]?: readonly (keyof (typeof EVENT_FIELDS)[T])[] };

/** The schemas a command is held to now: those of PAYLOAD_SCHEMAS with its facts required. */
export const COMMAND_SCHEMAS = Object.fromEntries(
  Object.entries(EVENT_FIELDS).map(([type, shape]) => {
    const facts: readonly string[] =
      (DOCUMENT_FACTS as Record<string, readonly string[]>)[type] ?? [];
    // A required fact is the optional field's own schema, so a missing one gets its reason.
    const fields: Record<string, z.ZodType> = { ...shape };
    for (const name of facts) fields[name] = (fields[name] as z.ZodOptional<z.ZodType>).unwrap();
    return [type, z.strictObject(fields)];
  }),
) as unknown as { readonly [T in SopEventType]: z.ZodType };

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** One event: its type and its payload, as the schemas read it. */
// zod types an object without fields as Record<string, never>; an event without fields is
// just its type.
type Fields<S extends z.ZodRawShape> = [keyof S] extends [never]
  ? unknown
  : z.output<z.ZodObject<S>>;

export type SopEvent = {
  [T in SopEventType]: Flatten<{ type: T } & Fields<(typeof EVENT_FIELDS)[T]>>;
}[SopEventType];

export interface PayloadProblem {
  field: string;
  reason: string;
}

/** Where a zod issue points, written as the API names fields: `kelurahanCodes[2]`. */
function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Every problem of a payload, one per field, in the schema's order, unknown fields last.
 * A field's own problem (a list too long) hides those of its parts.
 */
export function problemsOf(type: SopEventType, error: z.ZodError): PayloadProblem[] {
  const known: PayloadProblem[] = [];
  const unknown: PayloadProblem[] = [];
  // A list's own checks run after its items': put each field's problems in item order.
  const fieldOrder = [...new Set(error.issues.map((issue) => issue.path[0]))];
  const position = (path: readonly PropertyKey[]) => [
    fieldOrder.indexOf(path[0]),
    typeof path[1] === 'number' ? path[1] : -1,
  ];
  const issues = [...error.issues].sort((a, b) => {
    const [fa, ia] = position(a.path);
    const [fb, ib] = position(b.path);
    return fa - fb || ia - ib;
  });
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const at = fieldName(issue.path);
      for (const key of issue.keys) {
        unknown.push({ field: at ? `${at}.${key}` : key, reason: `is not a field of ${type}` });
      }
    } else {
      known.push({ field: fieldName(issue.path), reason: issue.message });
    }
  }
  const fields = new Set<string>();
  return [...known, ...unknown].filter(({ field: name }) => {
    const covered = [...fields].some((f) => name === f || name.startsWith(`${f}[`));
    fields.add(name);
    return !covered;
  });
}
