import * as z from 'zod';
import { COMMAND_SCHEMAS, type SopEventType } from './payloads';
import type { Role } from './roles';

/**
 * The SOP's commands, one table: what a person may ask for, of which workflow, which machine
 * event it becomes, who may ask and what they send. Everything else is derived from it: the
 * Temporal update names, the event rules of the machine, the API's access policy and OpenAPI
 * description, the test drivers. A new command is one entry here plus its effect.
 */
export interface CommandSpec<E extends SopEventType = SopEventType> {
  /** The workflow that takes the command as a Temporal update. */
  readonly target: 'allocation' | 'programme';
  /** The machine event the command becomes. */
  readonly event: E;
  /**
   * The people who may send it. For a programme command these ask the programme, which
   * sends the event to every allocation as the role `programme`.
   */
  readonly roles: readonly Role[];
  /** True when an activity supplies the event's fields (the request's payload is not read). */
  readonly enriched: boolean;
  /** What the request's payload must hold. */
  readonly payload: z.ZodType;
}

const step = <E extends SopEventType>(event: E, ...roles: Role[]) =>
  ({
    target: 'allocation',
    event,
    roles,
    enriched: false,
    payload: COMMAND_SCHEMAS[event],
  }) as const;

const cityWide = <E extends SopEventType>(event: E, ...roles: Role[]) =>
  ({
    target: 'programme',
    event,
    roles,
    enriched: false,
    payload: COMMAND_SCHEMAS[event],
  }) as const;

// The request of an enriched command carries nothing the workflow reads; any payload is ignored.
const enrichedPayload = z
  .object({})
  .loose()
  .describe("Not read: the step's activity establishes the event's fields");
const enriched = <E extends SopEventType>(event: E, ...roles: Role[]) =>
  ({ target: 'allocation', event, roles, enriched: true, payload: enrichedPayload }) as const;

/** In the SOP's order; the order is also the order of the OpenAPI enums. */
export const COMMANDS = {
  SEND_QUOTA_LETTER: cityWide('SEND_QUOTA_LETTER', 'dinsos_admin', 'tim_data'),
  SUBMIT_REQUEST_LETTER: step('SUBMIT_REQUEST_LETTER', 'kecamatan_operator'),
  SUBMIT_PROPOSALS: step('SUBMIT_PROPOSALS', 'kecamatan_operator'),
  // Verval's counts are known only once the verval activity has run.
  RUN_VERVAL: enriched('VERVAL_COMPLETED', 'tim_data'),
  RESUBMIT_CORRECTIONS: enriched('RESUBMIT_CORRECTIONS', 'kecamatan_operator'),
  DRAFT_SK: cityWide('DRAFT_SK', 'tim_data'),
  APPROVE_SK: cityWide('APPROVE_SK', 'sk_approver'),
  REJECT_SK: cityWide('REJECT_SK', 'sk_approver'),
  PRINT_BAST_BNBA: enriched('PRINT_BAST_BNBA', 'tim_data'),
  SIGN_SPK: cityWide('SIGN_SPK', 'tim_pengadaan'),
  REPORT_PACKING: step('REPORT_PACKING', 'rekanan'),
  DECLARE_PACKED: step('DECLARE_PACKED', 'rekanan'),
  COORDINATE_READINESS: step('COORDINATE_READINESS', 'tim_pemeriksa'),
  VENDOR_READY: step('VENDOR_READY', 'rekanan'),
  INSPECT: step('INSPECT', 'tim_pemeriksa'),
  HAND_OVER: step('HAND_OVER', 'tim_pemeriksa'),
  SCHEDULE_DELIVERY: step('SCHEDULE_DELIVERY', 'tim_distribusi'),
  RESCHEDULE_DELIVERY: step('RESCHEDULE_DELIVERY', 'tim_distribusi'),
  CONFIRM_DELIVERY: step('CONFIRM_DELIVERY', 'tim_distribusi'),
  RESOLVE_DISCREPANCY: step('RESOLVE_DISCREPANCY', 'tim_distribusi'),
  RECORD_DISTRIBUTION: step('RECORD_DISTRIBUTION', 'kecamatan_operator', 'kelurahan_operator'),
  RECORD_COMPLAINT: step('RECORD_COMPLAINT', 'tim_monev'),
  RESOLVE_COMPLAINT: step('RESOLVE_COMPLAINT', 'tim_monev'),
  SIGN_OFF_MONEV: step('SIGN_OFF_MONEV', 'tim_monev'),
  RECORD_SIGNED_BAST: step(
    'RECORD_SIGNED_BAST',
    'kecamatan_operator',
    'kelurahan_operator',
    'tim_distribusi',
  ),
  COMPLETE_COLLECTION: step('COMPLETE_COLLECTION', 'tim_data'),
} as const satisfies Record<string, CommandSpec>;

type Table = typeof COMMANDS;
export type Command = keyof Table;
export type AllocationCommand = {
  [K in Command]: Table[K]['target'] extends 'allocation' ? K : never;
}[Command];
export type ProgrammeCommand = Exclude<Command, AllocationCommand>;
export type EnrichedCommand = {
  [K in Command]: Table[K]['enriched'] extends true ? K : never;
}[Command];
/** The event a command becomes. */
export type EventOf<C extends Command> = Table[C]['event'];

// Every event is some command's: an event no one can send would be dead machine code.
type Unsent = Exclude<SopEventType, EventOf<Command>>;
const everyEventSent: [Unsent] extends [never] ? true : Unsent = true;
void everyEventSent;

const names = Object.keys(COMMANDS) as Command[];

export const ALLOCATION_COMMANDS = names.filter(
  (c): c is AllocationCommand => COMMANDS[c].target === 'allocation',
);
export const PROGRAMME_COMMANDS = names.filter(
  (c): c is ProgrammeCommand => COMMANDS[c].target === 'programme',
);

export function isCommandOf(target: CommandSpec['target'], name: unknown): name is Command {
  return (
    typeof name === 'string' &&
    Object.hasOwn(COMMANDS, name) &&
    COMMANDS[name as Command].target === target
  );
}

/** The command's spec, seen through the common interface. */
export function commandSpec(command: Command): CommandSpec {
  return COMMANDS[command];
}
