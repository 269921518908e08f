import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  ALLOCATION_COMMANDS,
  PROGRAMME_COMMANDS,
  Queries,
  Signals,
  type AllocationCommand,
  type ProgrammeCommand,
} from './names';
import type { CommandRequest } from '../sop/command-request';
import type { Role } from '../sop/roles';
import type { SopCounts } from '../sop/status';
import type { AllowedEvent } from '../sop/steps';
import type {
  AllocationProgress,
  AllocationView,
  CityWideEvent,
  ProgrammeView,
} from './workflow-contracts';

/**
 * Typed handles for every query, signal and update, shared by workflows and clients; the
 * updates are the command table's (libs/sop/commands.ts).
 */
export const allocationStatusQuery = defineQuery<AllocationView>(Queries.allocationStatus);
export const allowedEventsQuery = defineQuery<AllowedEvent[], [Role?]>(Queries.allowedEvents);
export const countsQuery = defineQuery<SopCounts>(Queries.counts);
export const openRejectionsQuery = defineQuery<{
  count: number;
  byReason: Record<string, number>;
}>(Queries.openRejections);
export const programmeStatusQuery = defineQuery<ProgrammeView>(Queries.programmeStatus);

export const cityWideEventSignal = defineSignal<[CityWideEvent]>(Signals.cityWideEvent);
export const allocationProgressSignal = defineSignal<[AllocationProgress]>(
  Signals.allocationProgress,
);

export const allocationUpdates = Object.fromEntries(
  ALLOCATION_COMMANDS.map((name) => [name, defineUpdate<AllocationView, [CommandRequest]>(name)]),
) as Record<AllocationCommand, ReturnType<typeof defineUpdate<AllocationView, [CommandRequest]>>>;

export const programmeUpdates = Object.fromEntries(
  PROGRAMME_COMMANDS.map((name) => [name, defineUpdate<ProgrammeView, [CommandRequest]>(name)]),
) as Record<ProgrammeCommand, ReturnType<typeof defineUpdate<ProgrammeView, [CommandRequest]>>>;
