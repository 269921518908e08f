import type { Role } from './roles';

/**
 * Everything that can happen to one kecamatan's allocation. Payloads carry only ids, document
 * numbers, region codes and counts: persons and NIKs stay in Sidaksos and the database.
 */
export type SopEvent =
  | { type: 'SEND_QUOTA_LETTER'; letterNo: string }
  | {
      type: 'SUBMIT_REQUEST_LETTER';
      letterNo: string;
      letterDate: string;
      acknowledgedByCamat: boolean;
    }
  | { type: 'SUBMIT_PROPOSALS'; batchId: string; proposedCount: number }
  | { type: 'VERVAL_COMPLETED'; vervalRunId: string; accepted: number; rejected: number }
  | { type: 'RESUBMIT_CORRECTIONS'; batchId: string; resubmitted: number; withdrawn: number }
  | { type: 'DRAFT_SK'; skDraftId: string }
  | { type: 'APPROVE_SK'; skNo: string }
  | { type: 'REJECT_SK'; reason: string }
  | { type: 'PRINT_BAST_BNBA'; kelurahanCodes: string[] }
  | { type: 'SIGN_SPK'; spkNo: string; vendorId: string }
  | { type: 'REPORT_PACKING'; packedCount: number }
  | { type: 'DECLARE_PACKED' }
  | { type: 'COORDINATE_READINESS'; readyDate: string }
  | { type: 'VENDOR_READY' }
  | {
      type: 'INSPECT';
      inspectionId: string;
      inspectedCount: number;
      passedCount: number;
      reason?: string;
    }
  | { type: 'HAND_OVER'; handedOverCount: number }
  | { type: 'SCHEDULE_DELIVERY'; deliveryDate: string }
  | { type: 'RESCHEDULE_DELIVERY'; deliveryDate: string }
  | { type: 'CONFIRM_DELIVERY'; deliveredCount: number }
  | { type: 'RESOLVE_DISCREPANCY'; resolution: string; deliveredCount: number }
  | { type: 'RECORD_DISTRIBUTION'; kelurahanCode: string; distributedCount: number }
  | { type: 'RECORD_COMPLAINT'; complaintId: string; needsAction: boolean }
  | { type: 'RESOLVE_COMPLAINT'; complaintId: string; followUp: string }
  | { type: 'SIGN_OFF_MONEV'; reportNo: string }
  | { type: 'RECORD_SIGNED_BAST'; kelurahanCode: string }
  | { type: 'COMPLETE_COLLECTION'; recapId: string };

export type SopEventType = SopEvent['type'];
export type SopEventOf<T extends SopEventType> = Extract<SopEvent, { type: T }>;

export interface EventRule {
  /** Roles that may send the event; city-wide events only come from the programme workflow. */
  roles: readonly Role[];
  cityWide: boolean;
}

const CITY_WIDE: EventRule = { roles: ['programme'], cityWide: true };
const by = (...roles: Role[]): EventRule => ({ roles, cityWide: false });

/** Who sends what. A mapped type, so adding an event without a rule does not compile. */
export const EVENT_RULES: { readonly [K in SopEventType]: EventRule } = {
  SEND_QUOTA_LETTER: CITY_WIDE,
  SUBMIT_REQUEST_LETTER: by('kecamatan_operator'),
  SUBMIT_PROPOSALS: by('kecamatan_operator'),
  VERVAL_COMPLETED: by('tim_data'),
  RESUBMIT_CORRECTIONS: by('kecamatan_operator'),
  DRAFT_SK: CITY_WIDE,
  APPROVE_SK: CITY_WIDE,
  REJECT_SK: CITY_WIDE,
  PRINT_BAST_BNBA: by('tim_data'),
  SIGN_SPK: CITY_WIDE,
  REPORT_PACKING: by('rekanan'),
  DECLARE_PACKED: by('rekanan'),
  COORDINATE_READINESS: by('tim_pemeriksa'),
  VENDOR_READY: by('rekanan'),
  INSPECT: by('tim_pemeriksa'),
  HAND_OVER: by('tim_pemeriksa'),
  SCHEDULE_DELIVERY: by('tim_distribusi'),
  RESCHEDULE_DELIVERY: by('tim_distribusi'),
  CONFIRM_DELIVERY: by('tim_distribusi'),
  RESOLVE_DISCREPANCY: by('tim_distribusi'),
  RECORD_DISTRIBUTION: by('kecamatan_operator', 'kelurahan_operator'),
  RECORD_COMPLAINT: by('tim_monev'),
  RESOLVE_COMPLAINT: by('tim_monev'),
  SIGN_OFF_MONEV: by('tim_monev'),
  RECORD_SIGNED_BAST: by('kecamatan_operator', 'kelurahan_operator', 'tim_distribusi'),
  COMPLETE_COLLECTION: by('tim_data'),
};

export const SOP_EVENT_TYPES = [
  'SEND_QUOTA_LETTER',
  'SUBMIT_REQUEST_LETTER',
  'SUBMIT_PROPOSALS',
  'VERVAL_COMPLETED',
  'RESUBMIT_CORRECTIONS',
  'DRAFT_SK',
  'APPROVE_SK',
  'REJECT_SK',
  'PRINT_BAST_BNBA',
  'SIGN_SPK',
  'REPORT_PACKING',
  'DECLARE_PACKED',
  'COORDINATE_READINESS',
  'VENDOR_READY',
  'INSPECT',
  'HAND_OVER',
  'SCHEDULE_DELIVERY',
  'RESCHEDULE_DELIVERY',
  'CONFIRM_DELIVERY',
  'RESOLVE_DISCREPANCY',
  'RECORD_DISTRIBUTION',
  'RECORD_COMPLAINT',
  'RESOLVE_COMPLAINT',
  'SIGN_OFF_MONEV',
  'RECORD_SIGNED_BAST',
  'COMPLETE_COLLECTION',
] as const satisfies readonly SopEventType[];

export function isSopEventType(value: unknown): value is SopEventType {
  return (SOP_EVENT_TYPES as readonly unknown[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Payload validation. Events arrive from HTTP and from activities as plain JSON, so every field
// is checked before a guard looks at it, and unknown fields are refused so that lists of
// persons cannot ride along into workflow history.

export interface PayloadProblem {
  field: string;
  reason: string;
}

export type PayloadValidation =
  { ok: true; event: SopEvent } | { ok: false; problems: PayloadProblem[] };

export const KELURAHAN_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
export const KECAMATAN_CODE = /^\d{2}\.\d{2}\.\d{2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9 ._/:-]{0,99}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A NIK or KK number is 16 digits; refusing long digit runs keeps them out of free text.
const NIK_LIKE = /\d{16}/;
const MAX_TEXT = 500;
const MAX_KELURAHAN = 200;

const REASONS = {
  id: 'must be an id or document number: 1-100 letters, digits, spaces or . _ / : -',
  count: 'must be a whole number >= 0',
  flag: 'must be true or false',
  date: 'must be a calendar date written YYYY-MM-DD',
  text: `must be text of 1-${MAX_TEXT} characters`,
  nik: 'must not contain a NIK or KK number (16 digits)',
  kelurahanCode: 'must be a kelurahan code like 33.74.01.1001',
  kelurahanCodes: `must be a list of 1-${MAX_KELURAHAN} kelurahan codes`,
} as const;

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads typed fields and collects every problem instead of stopping at the first. */
class PayloadReader {
  readonly problems: PayloadProblem[] = [];
  private readonly read = new Set<string>(['type']);

  constructor(private readonly raw: Record<string, unknown>) {}

  id(field: string): string {
    const value = this.take(field);
    if (typeof value !== 'string' || !ID.test(value) || value !== value.trim()) {
      return this.refuse(field, REASONS.id, '');
    }
    return NIK_LIKE.test(value) ? this.refuse(field, REASONS.nik, '') : value;
  }

  count(field: string): number {
    const value = this.take(field);
    return isCount(value) ? value : this.refuse(field, REASONS.count, 0);
  }

  flag(field: string): boolean {
    const value = this.take(field);
    return typeof value === 'boolean' ? value : this.refuse(field, REASONS.flag, false);
  }

  date(field: string): string {
    const value = this.take(field);
    return typeof value === 'string' && isCalendarDate(value)
      ? value
      : this.refuse(field, REASONS.date, '');
  }

  text(field: string): string {
    const value = this.take(field);
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
      return this.refuse(field, REASONS.text, '');
    }
    return NIK_LIKE.test(value) ? this.refuse(field, REASONS.nik, '') : value;
  }

  optionalText(field: string): string | undefined {
    if (this.raw[field] !== undefined) return this.text(field);
    this.take(field);
    return undefined;
  }

  kelurahanCode(field: string): string {
    const value = this.take(field);
    return typeof value === 'string' && KELURAHAN_CODE.test(value)
      ? value
      : this.refuse(field, REASONS.kelurahanCode, '');
  }

  kelurahanCodes(field: string): string[] {
    const value = this.take(field);
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_KELURAHAN) {
      return this.refuse(field, REASONS.kelurahanCodes, []);
    }
    const codes: string[] = [];
    value.forEach((code: unknown, i) => {
      if (typeof code !== 'string' || !KELURAHAN_CODE.test(code)) {
        this.refuse(`${field}[${i}]`, REASONS.kelurahanCode, '');
      } else if (codes.includes(code)) {
        this.refuse(`${field}[${i}]`, `lists ${code} twice`, '');
      } else {
        codes.push(code);
      }
    });
    return codes;
  }

  /** Fields the event does not define are refused rather than silently kept. */
  finish(type: SopEventType): void {
    for (const field of Object.keys(this.raw)) {
      if (!this.read.has(field)) this.refuse(field, `is not a field of ${type}`, null);
    }
  }

  private take(field: string): unknown {
    this.read.add(field);
    return this.raw[field];
  }

  private refuse<T>(field: string, reason: string, fallback: T): T {
    this.problems.push({ field, reason });
    return fallback;
  }
}

function readEvent(type: SopEventType, r: PayloadReader): SopEvent {
  switch (type) {
    case 'SEND_QUOTA_LETTER':
      return { type, letterNo: r.id('letterNo') };
    case 'SUBMIT_REQUEST_LETTER':
      return {
        type,
        letterNo: r.id('letterNo'),
        letterDate: r.date('letterDate'),
        acknowledgedByCamat: r.flag('acknowledgedByCamat'),
      };
    case 'SUBMIT_PROPOSALS':
      return { type, batchId: r.id('batchId'), proposedCount: r.count('proposedCount') };
    case 'VERVAL_COMPLETED':
      return {
        type,
        vervalRunId: r.id('vervalRunId'),
        accepted: r.count('accepted'),
        rejected: r.count('rejected'),
      };
    case 'RESUBMIT_CORRECTIONS':
      return {
        type,
        batchId: r.id('batchId'),
        resubmitted: r.count('resubmitted'),
        withdrawn: r.count('withdrawn'),
      };
    case 'DRAFT_SK':
      return { type, skDraftId: r.id('skDraftId') };
    case 'APPROVE_SK':
      return { type, skNo: r.id('skNo') };
    case 'REJECT_SK':
      return { type, reason: r.text('reason') };
    case 'PRINT_BAST_BNBA':
      return { type, kelurahanCodes: r.kelurahanCodes('kelurahanCodes') };
    case 'SIGN_SPK':
      return { type, spkNo: r.id('spkNo'), vendorId: r.id('vendorId') };
    case 'REPORT_PACKING':
      return { type, packedCount: r.count('packedCount') };
    case 'DECLARE_PACKED':
    case 'VENDOR_READY':
      return { type };
    case 'COORDINATE_READINESS':
      return { type, readyDate: r.date('readyDate') };
    case 'INSPECT': {
      const event: SopEventOf<'INSPECT'> = {
        type,
        inspectionId: r.id('inspectionId'),
        inspectedCount: r.count('inspectedCount'),
        passedCount: r.count('passedCount'),
      };
      const reason = r.optionalText('reason');
      return reason === undefined ? event : { ...event, reason };
    }
    case 'HAND_OVER':
      return { type, handedOverCount: r.count('handedOverCount') };
    case 'SCHEDULE_DELIVERY':
    case 'RESCHEDULE_DELIVERY':
      return { type, deliveryDate: r.date('deliveryDate') };
    case 'CONFIRM_DELIVERY':
      return { type, deliveredCount: r.count('deliveredCount') };
    case 'RESOLVE_DISCREPANCY':
      return { type, resolution: r.text('resolution'), deliveredCount: r.count('deliveredCount') };
    case 'RECORD_DISTRIBUTION':
      return {
        type,
        kelurahanCode: r.kelurahanCode('kelurahanCode'),
        distributedCount: r.count('distributedCount'),
      };
    case 'RECORD_COMPLAINT':
      return { type, complaintId: r.id('complaintId'), needsAction: r.flag('needsAction') };
    case 'RESOLVE_COMPLAINT':
      return { type, complaintId: r.id('complaintId'), followUp: r.text('followUp') };
    case 'SIGN_OFF_MONEV':
      return { type, reportNo: r.id('reportNo') };
    case 'RECORD_SIGNED_BAST':
      return { type, kelurahanCode: r.kelurahanCode('kelurahanCode') };
    case 'COMPLETE_COLLECTION':
      return { type, recapId: r.id('recapId') };
  }
}

/**
 * Checks an event from outside: its type and every payload field. On success the returned
 * event is a fresh copy holding only the known fields.
 */
export function validateEventPayload(event: unknown): PayloadValidation {
  if (!isRecord(event)) {
    return { ok: false, problems: [{ field: 'type', reason: 'the event must be an object' }] };
  }
  if (!isSopEventType(event.type)) {
    const reason = `must be one of the SOP events (${SOP_EVENT_TYPES.join(', ')})`;
    return { ok: false, problems: [{ field: 'type', reason }] };
  }
  const reader = new PayloadReader(event);
  const parsed = readEvent(event.type, reader);
  reader.finish(event.type);
  return reader.problems.length === 0
    ? { ok: true, event: parsed }
    : { ok: false, problems: reader.problems };
}
