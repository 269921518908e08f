import { COMMANDS } from './commands';
import {
  COMMAND_SCHEMAS,
  EVENT_FIELDS,
  PAYLOAD_SCHEMAS,
  problemsOf,
  type PayloadProblem,
  type SopEvent,
  type SopEventType,
} from './payloads';
import type { Role } from './roles';
import { isRecord } from '../shared';

export {
  KECAMATAN_CODE,
  KELURAHAN_CODE,
  isCalendarDate,
  isCount,
  type PayloadProblem,
  type SopEvent,
  type SopEventType,
} from './payloads';

export type SopEventOf<T extends SopEventType> = Extract<SopEvent, { type: T }>;

export interface EventRule {
  /** Roles that may send the event; city-wide events only come from the programme workflow. */
  roles: readonly Role[];
  cityWide: boolean;
}

/** Every event type, in the SOP's order. */
export const SOP_EVENT_TYPES = Object.keys(EVENT_FIELDS) as SopEventType[];

const CITY_WIDE: EventRule = { roles: ['programme'], cityWide: true };

/**
 * Who sends what, from the command table: a step's event comes from the command's roles; a
 * city-wide event only from the programme, which takes it from the command's roles.
 */
export const EVENT_RULES = Object.fromEntries(
  Object.values(COMMANDS).map((c) => [
    c.event,
    c.target === 'programme' ? CITY_WIDE : { roles: c.roles, cityWide: false },
  ]),
) as { readonly [K in SopEventType]: EventRule };

export function isSopEventType(value: unknown): value is SopEventType {
  return (SOP_EVENT_TYPES as readonly unknown[]).includes(value);
}

export type PayloadValidation =
  { ok: true; event: SopEvent } | { ok: false; problems: PayloadProblem[] };

/**
 * Which schemas an event is held to: `command` — a new command, its document facts required
 * (COMMAND_SCHEMAS); `recorded` — any event the SOP ever took, as the machine's guards and
 * allocations started before the facts existed read them (PAYLOAD_SCHEMAS).
 */
export type PayloadStandard = 'command' | 'recorded';

/**
 * Checks an event from outside: its type and every payload field. On success the returned
 * event is a fresh copy holding only the known fields.
 */
export function validateEventPayload(event: unknown, standard: PayloadStandard): PayloadValidation {
  if (!isRecord(event)) {
    return { ok: false, problems: [{ field: 'type', reason: 'the event must be an object' }] };
  }
  const { type, ...payload } = event;
  if (!isSopEventType(type)) {
    const reason = `must be one of the SOP events (${SOP_EVENT_TYPES.join(', ')})`;
    return { ok: false, problems: [{ field: 'type', reason }] };
  }
  const schema = standard === 'command' ? COMMAND_SCHEMAS[type] : PAYLOAD_SCHEMAS[type];
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return { ok: false, problems: problemsOf(type, parsed.error) };
  // An optional field sent as undefined is left out, as if it had not been sent.
  const fields = Object.entries(parsed.data as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  return { ok: true, event: { type, ...Object.fromEntries(fields) } as SopEvent };
}
