import { EVENT_RULES } from './events';
import type { SopEventType } from './events';
import type { Role } from './roles';

/** The programme the SOP runs, as its printed papers name it (with the year of its SK). */
export const PROCEDURE_NAME = 'Jaring Pengaman Sosial (JPS) Paket Sembako';

/** The 17 steps of the SOP, in order. `step` is a stable slug others may store and filter on. */
export const STEPS = [
  { stepNo: 1, step: 'quota-letter', stepName: 'Dinsos sends the circular letter with the quota' },
  { stepNo: 2, step: 'request-letter', stepName: 'Kecamatan writes the request letter' },
  { stepNo: 3, step: 'proposal-input', stepName: 'Kecamatan enters the proposals in Sidaksos' },
  { stepNo: 4, step: 'verval', stepName: 'Tim Data verifies and validates the proposals' },
  { stepNo: 5, step: 'sk', stepName: 'Walikota decree (SK) fixing the recipients' },
  { stepNo: 6, step: 'bast-bnba', stepName: 'Print the BAST and BNBA lists per kelurahan' },
  { stepNo: 7, step: 'contract', stepName: 'Contract (SPK) with the appointed vendor' },
  { stepNo: 8, step: 'packing', stepName: 'Packing per ordered quantity' },
  { stepNo: 9, step: 'packed', stepName: 'Vendor has packed the ordered quantity' },
  { stepNo: 10, step: 'readiness', stepName: 'Coordinate readiness with the vendor' },
  { stepNo: 11, step: 'inspection', stepName: 'Inspect the parcels supplied by the vendor' },
  { stepNo: 12, step: 'handover', stepName: 'Hand inspected parcels to the distribution team' },
  { stepNo: 13, step: 'scheduling', stepName: 'Schedule the delivery with the kecamatan' },
  { stepNo: 14, step: 'delivery', stepName: 'Deliver from the vendor to the kecamatan' },
  { stepNo: 15, step: 'distribution', stepName: 'Distribute to the kelurahan and the KPM' },
  { stepNo: 16, step: 'monev', stepName: 'Field monitoring and evaluation (monev)' },
  { stepNo: 17, step: 'collection', stepName: 'Collect the signed BAST and BNBA lists' },
] as const;

export type SopStep = (typeof STEPS)[number]['step'];

export interface AllowedEvent {
  type: SopEventType;
  roles: Role[];
  cityWide: boolean;
}

export interface SopStepInfo {
  stepNo: number;
  step: SopStep;
  stepName: string;
  /** Roles that can move the allocation on from here (empty once done). */
  actors: Role[];
}

/** Meta carried by every atomic state of the machine; the only bridge to its internal names. */
export interface SopStateMeta extends SopStepInfo {
  phase: string;
  events: AllowedEvent[];
}

export function stepInfo(step: SopStep): (typeof STEPS)[number] {
  const found = STEPS.find((s) => s.step === step);
  if (found === undefined) throw new RangeError(`unknown SOP step ${step}`);
  return found;
}

/**
 * Builds a state's meta from the step table and the event rules, so roles are written once.
 * `phase` defaults to the step slug; sub-states name theirs, e.g. 'verval.returned-to-kecamatan'.
 */
export function phaseMeta(
  step: SopStep,
  events: readonly SopEventType[],
  phase: string = step,
): SopStateMeta {
  const { stepNo, stepName } = stepInfo(step);
  const allowed = events.map((type) => ({
    type,
    roles: [...EVENT_RULES[type].roles],
    cityWide: EVENT_RULES[type].cityWide,
  }));
  const actors = [...new Set(allowed.flatMap((e) => e.roles))];
  return { stepNo, step, stepName, actors, phase, events: allowed };
}
