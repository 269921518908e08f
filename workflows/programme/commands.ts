import { COMMANDS } from '@salur/libs/sop/commands';
import { FailureTypes, type ProgrammeCommand } from '@salur/libs/temporal/names';
import type { CommandRequest } from '../allocation.types';
import { refuse } from '../command-support';
import type { ProgrammeView } from '../programme.types';
import {
  isRole,
  validateEventPayload,
  type PayloadStandard,
  type Role,
  type SopEvent,
} from '../sop';

/**
 * Who takes each city-wide decision (the allocations accept them only from the programme):
 * the command table's roles.
 */
const citySenders = (command: ProgrammeCommand): readonly Role[] => COMMANDS[command].roles;

/**
 * Refuses a city-wide command from the wrong role, with a bad payload, or before every
 * allocation waits for it; returns the event to fan out.
 */
export function ensureCityWideAllowed(
  command: ProgrammeCommand,
  request: CommandRequest,
  view: ProgrammeView,
  standard: PayloadStandard,
): SopEvent {
  if (!isRole(request?.role) || !citySenders(command).includes(request.role)) {
    refuse(
      FailureTypes.transitionRefused,
      `role ${String(request?.role)} may not send ${command}; allowed: ${citySenders(command).join(', ')}`,
      { code: 'ROLE_NOT_ALLOWED' },
    );
  }
  const parsed = validateEventPayload({ type: command, ...(request.payload ?? {}) }, standard);
  if (!parsed.ok) {
    refuse(
      FailureTypes.validationFailed,
      parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      { fields: parsed.problems },
    );
  }
  const notReady = view.allocations.filter((a) => !a.allowed.includes(command));
  if (notReady.length > 0) {
    refuse(
      FailureTypes.transitionRefused,
      `${command} is city-wide and waits for every kecamatan; not ready: ${notReady
        .map((a) => `${a.kecamatanCode} (step ${a.stepNo} ${a.phase})`)
        .join(', ')}`,
      { code: 'EVENT_NOT_ALLOWED', notReady },
    );
  }
  return parsed.event;
}
