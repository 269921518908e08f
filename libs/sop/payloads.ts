import * as z from 'zod';
import { CALENDAR_DATE_SHAPE, isCalendarDate, KECAMATAN_CODE, KELURAHAN_CODE } from '../shared';

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

export const REASONS = {
  id: 'must be an id or document number: 1-100 letters, digits, spaces or . _ / : -',
  count: 'must be a whole number >= 0',
  flag: 'must be true or false',
  date: 'must be a calendar date written YYYY-MM-DD',
  text: `must be text of 1-${MAX_TEXT} characters`,
  nik: 'must not contain a NIK or KK number (16 digits)',
  kelurahanCode: 'must be a kelurahan code like 33.74.01.1001',
  kelurahanCodes: `must be a list of 1-${MAX_KELURAHAN} kelurahan codes`,
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
};

/** Every SOP event's fields, in the SOP's order. A new event is one entry here. */
export const EVENT_FIELDS = {
  SEND_QUOTA_LETTER: { letterNo: field.id() },
  SUBMIT_REQUEST_LETTER: {
    letterNo: field.id(),
    letterDate: field.date(),
    acknowledgedByCamat: field.flag(),
  },
  SUBMIT_PROPOSALS: { batchId: field.id(), proposedCount: field.count() },
  VERVAL_COMPLETED: { vervalRunId: field.id(), accepted: field.count(), rejected: field.count() },
  RESUBMIT_CORRECTIONS: {
    batchId: field.id(),
    resubmitted: field.count(),
    withdrawn: field.count(),
  },
  DRAFT_SK: { skDraftId: field.id() },
  APPROVE_SK: { skNo: field.id() },
  REJECT_SK: { reason: field.text() },
  PRINT_BAST_BNBA: { kelurahanCodes: field.kelurahanCodes() },
  SIGN_SPK: { spkNo: field.id(), vendorId: field.id() },
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
  SCHEDULE_DELIVERY: { deliveryDate: field.date() },
  RESCHEDULE_DELIVERY: { deliveryDate: field.date() },
  CONFIRM_DELIVERY: { deliveredCount: field.count() },
  RESOLVE_DISCREPANCY: { resolution: field.text(), deliveredCount: field.count() },
  // distributedCount: parcels received (by the KPM or a proxy); returnedCount: parcels not
  // received, each with its reason (issue 15). Both must match the kelurahan's receipts.
  RECORD_DISTRIBUTION: {
    kelurahanCode: field.kelurahanCode(),
    distributedCount: field.count(),
    returnedCount: field.count().optional(),
  },
  RECORD_COMPLAINT: { complaintId: field.id(), needsAction: field.flag() },
  RESOLVE_COMPLAINT: { complaintId: field.id(), followUp: field.text() },
  SIGN_OFF_MONEV: { reportNo: field.id() },
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
